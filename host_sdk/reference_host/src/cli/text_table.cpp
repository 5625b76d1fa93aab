#include "cli/text_table.hpp"

#include <algorithm>
#include <ostream>

namespace refhost::cli {

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++width;
    return width;
}

text_table::text_table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void text_table::add(std::vector<std::string> row) {
    row.resize(headers_.size());
    rows_.push_back(std::move(row));
}

void text_table::print(std::ostream& out, const std::string& indent) const {
    std::vector<std::size_t> widths(headers_.size(), 0);
    for (std::size_t c = 0; c < headers_.size(); ++c) widths[c] = display_width(headers_[c]);
    for (const auto& row : rows_)
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));

    const auto print_row = [&](const std::vector<std::string>& row) {
        std::string line = indent;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const auto pad = widths[c] - display_width(row[c]);
            const bool last = c + 1 == row.size();
            if (right_.count(c) != 0) {
                line.append(pad, ' ');
                line += row[c];
            } else {
                line += row[c];
                if (!last) line.append(pad, ' ');
            }
            if (!last) line += "  ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
    };
    print_row(headers_);
    std::vector<std::string> rule;
    for (const auto width : widths) rule.emplace_back(width, '-');
    print_row(rule);
    for (const auto& row : rows_) print_row(row);
}

} // namespace refhost::cli
