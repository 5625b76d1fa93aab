#include "sql_text.hpp"

namespace jd::store::detail {

std::string numbered_parameters_for_sqlite(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\'' || c == '"') { // a literal or a quoted identifier: copy to the closing quote
            const std::size_t end = text.find(c, i + 1);
            const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
            out.append(text.substr(i, stop - i));
            i = stop;
        } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') { // comment to end of line
            const std::size_t end = text.find('\n', i);
            const std::size_t stop = end == std::string_view::npos ? text.size() : end;
            out.append(text.substr(i, stop - i));
            i = stop;
        } else if (c == '$' && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') {
            out.push_back('?');
            ++i;
        } else {
            out.push_back(c);
            ++i;
        }
    }
    return out;
}

std::string values_rows(std::size_t rows, std::size_t columns, std::size_t first_parameter) {
    std::string out;
    std::size_t parameter = first_parameter;
    for (std::size_t row = 0; row < rows; ++row) {
        out += row == 0 ? "(" : ",(";
        for (std::size_t column = 0; column < columns; ++column) {
            if (column > 0) {
                out += ',';
            }
            out += '$';
            out += std::to_string(parameter++);
        }
        out += ')';
    }
    return out;
}

std::string parameter_list(std::size_t count, std::size_t first_parameter) {
    std::string out;
    for (std::size_t k = 0; k < count; ++k) {
        if (k > 0) {
            out += ',';
        }
        out += '$';
        out += std::to_string(first_parameter + k);
    }
    return out;
}

} // namespace jd::store::detail
