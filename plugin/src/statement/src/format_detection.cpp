#include "jd/statement/format_detection.hpp"

#include <algorithm>

namespace jd::statement {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) noexcept {
    return text.substr(0, prefix.size()) == prefix;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::string_view skip_leading_blank_lines(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
        ++i;
    }
    // Back up to the start of the first non-blank line so that columns stay right.
    std::size_t line_start = i;
    while (line_start > 0 && text[line_start - 1] != '\n' && text[line_start - 1] != '\r') {
        --line_start;
    }
    return text.substr(line_start);
}

// Does any line of the head start with `tag`?
bool some_line_starts_with(std::string_view head, std::string_view tag) noexcept {
    bool line_start = true;
    for (std::size_t i = 0; i < head.size(); ++i) {
        const char c = head[i];
        if (c == '\r' || c == '\n') {
            line_start = true;
            continue;
        }
        if (line_start && head.substr(i, tag.size()) == tag) {
            return true;
        }
        line_start = false;
    }
    return false;
}

// A fixed-width file whose records have `width` bytes and start with a digit pair whose first digit is in
// `leading`: the first line has that width, or holds several such records back to back.
bool fixed_width_file(std::string_view text, std::size_t line_length, bool line_complete, std::size_t width,
                      std::string_view leading) noexcept {
    const auto record_starts_at = [&](std::size_t at) {
        return text.size() > at + 1 && leading.find(text[at]) != std::string_view::npos && is_digit(text[at + 1]);
    };
    if (!record_starts_at(0)) {
        return false;
    }
    if (line_complete && line_length == width) {
        return true;
    }
    if (line_complete && line_length % width != 0) {
        return false;
    }
    return record_starts_at(width);
}

} // namespace

std::string_view format_name(file_format format) noexcept {
    switch (format) {
    case file_format::unknown: return "unknown";
    case file_format::empty: return "empty";
    case file_format::cfonb120: return "cfonb120";
    case file_format::cfonb240: return "cfonb240";
    case file_format::cfonb160: return "cfonb160";
    case file_format::camt053: return "camt053";
    case file_format::ofx: return "ofx";
    case file_format::mt940: return "mt940";
    case file_format::xml: return "xml";
    case file_format::zip: return "zip";
    case file_format::gzip: return "gzip";
    case file_format::pdf: return "pdf";
    }
    return "unknown";
}

std::string_view format_label(file_format format, language lang) noexcept {
    const bool fr = lang == language::fr;
    switch (format) {
    case file_format::unknown: return fr ? "format inconnu" : "unknown format";
    case file_format::empty: return fr ? "fichier vide" : "empty file";
    case file_format::cfonb120: return fr ? "CFONB 120 (relevé de compte)" : "CFONB 120 (account statement)";
    case file_format::cfonb240:
        return fr ? "CFONB 240 (LCR, effets : ce n'est pas un relevé de compte)"
                  : "CFONB 240 (bills of exchange: not an account statement)";
    case file_format::cfonb160:
        return fr ? "CFONB 160 (remise de virements ou de prélèvements : ce n'est pas un relevé de compte)"
                  : "CFONB 160 (transfer or direct debit orders: not an account statement)";
    case file_format::camt053: return fr ? "ISO 20022 camt.053 (XML)" : "ISO 20022 camt.053 (XML)";
    case file_format::ofx: return "OFX";
    case file_format::mt940: return "SWIFT MT940";
    case file_format::xml: return fr ? "document XML" : "XML document";
    case file_format::zip: return fr ? "archive ZIP (à décompresser d'abord)" : "ZIP archive (unzip it first)";
    case file_format::gzip: return fr ? "fichier compressé gzip" : "gzip-compressed file";
    case file_format::pdf: return fr ? "document PDF" : "PDF document";
    }
    return "?";
}

file_format detect_format(std::string_view head, bool whole_file) noexcept {
    if (starts_with(head, "\xEF\xBB\xBF")) {
        head.remove_prefix(3);
    }
    if (starts_with(head, "PK\x03\x04") || starts_with(head, std::string_view("PK\x05\x06", 4))) {
        return file_format::zip;
    }
    if (starts_with(head, "\x1F\x8B")) {
        return file_format::gzip;
    }
    if (starts_with(head, "%PDF")) {
        return file_format::pdf;
    }
    const std::string_view text = skip_leading_blank_lines(head);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return whole_file ? file_format::empty : file_format::unknown;
    }
    const std::string_view trimmed = text.substr(text.find_first_not_of(" \t"));
    if (starts_with(trimmed, "<")) {
        if (head.find("camt.053") != std::string_view::npos) {
            return file_format::camt053;
        }
        if (head.find("<OFX") != std::string_view::npos) {
            return file_format::ofx;
        }
        return file_format::xml;
    }
    if (starts_with(trimmed, "OFXHEADER")) {
        return file_format::ofx;
    }
    if (starts_with(trimmed, "{1:") || some_line_starts_with(head, ":20:") ||
        (some_line_starts_with(head, ":25:") && some_line_starts_with(head, ":61:"))) {
        return file_format::mt940;
    }

    std::size_t line_length = 0;
    while (line_length < text.size() && text[line_length] != '\r' && text[line_length] != '\n') {
        ++line_length;
    }
    const bool line_complete = line_length < text.size() || whole_file;
    if (text.size() >= 2) {
        const std::string_view code = text.substr(0, 2);
        if (code == "01" || code == "04" || code == "05" || code == "07") {
            return file_format::cfonb120;
        }
    }
    if (fixed_width_file(text, line_length, line_complete, 240, "3")) {
        return file_format::cfonb240;
    }
    if (fixed_width_file(text, line_length, line_complete, 160, "0") &&
        (starts_with(text, "03") || starts_with(text, "06") || starts_with(text, "08"))) {
        return file_format::cfonb160;
    }
    return file_format::unknown;
}

} // namespace jd::statement
