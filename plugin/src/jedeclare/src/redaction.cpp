#include "jedeclare/redaction.hpp"

#include "jedeclare/base64.hpp"

#include <algorithm>

namespace jd::jedeclare {

namespace {

// Plain escaping for the needles: xml_escape throws on control characters, which is not wanted here.
std::string escaped(std::string_view value)
{
    std::string out;
    for (const char c : value) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

redactor::redactor(const account_credentials& credentials)
{
    const std::string& password = credentials.password.reveal();
    auto add = [this](std::string value) {
        if (!value.empty() && std::find(needles_.begin(), needles_.end(), value) == needles_.end())
            needles_.push_back(std::move(value));
    };
    add(password);
    add(escaped(password));
    add(credentials.login);
    add(escaped(credentials.login));
    if (!credentials.login.empty() || !password.empty())
        add(base64_encode(credentials.login + ":" + password));
    // Longest first, so that a needle containing another one is removed whole.
    std::sort(needles_.begin(), needles_.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string redactor::clean(std::string_view text, std::size_t max_length) const
{
    std::string out(text);
    for (const std::string& needle : needles_) {
        std::size_t at = 0;
        while ((at = out.find(needle, at)) != std::string::npos) {
            out.replace(at, needle.size(), "***");
            at += 3;
        }
    }
    // One line, no control characters, bounded length.
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    out.erase(0, first);
    out.erase(out.find_last_not_of(' ') + 1);
    if (out.size() > max_length) {
        std::size_t cut = max_length;
        // Do not cut a UTF-8 sequence in half.
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0u) == 0x80u)
            --cut;
        out.resize(cut);
        out += "…";
    }
    return out;
}

} // namespace jd::jedeclare
