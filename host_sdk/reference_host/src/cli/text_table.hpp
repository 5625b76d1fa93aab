#pragma once
// Aligned text columns for readable listings (widths counted in characters, not bytes).

#include <iosfwd>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace refhost::cli {

/// Number of characters (UTF-8 code points) in `text`.
[[nodiscard]] std::size_t display_width(std::string_view text);

class text_table {
public:
    explicit text_table(std::vector<std::string> headers);
    void add(std::vector<std::string> row);
    /// Numbers read better aligned to the right.
    void align_right(std::size_t column) { right_.insert(column); }
    [[nodiscard]] bool empty() const noexcept { return rows_.empty(); }
    void print(std::ostream& out, const std::string& indent = "") const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
    std::set<std::size_t> right_;
};

} // namespace refhost::cli
