#include "jedeclare/base64.hpp"

#include "jedeclare/wire_error.hpp"

#include <array>
#include <cstdint>

namespace jd::jedeclare {

namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::int8_t skip = -2;
constexpr std::int8_t invalid = -1;

constexpr std::array<std::int8_t, 256> make_table()
{
    std::array<std::int8_t, 256> table{};
    for (auto& entry : table)
        entry = invalid;
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    table[static_cast<unsigned char>(' ')] = skip;
    table[static_cast<unsigned char>('\t')] = skip;
    table[static_cast<unsigned char>('\r')] = skip;
    table[static_cast<unsigned char>('\n')] = skip;
    return table;
}

constexpr std::array<std::int8_t, 256> decode_table = make_table();

} // namespace

std::string base64_encode(std::string_view bytes)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto byte = [&bytes](std::size_t at) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])); };
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += alphabet[v >> 6 & 63];
        out += alphabet[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const std::uint32_t v = byte(i) << 16;
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += "==";
    } else if (rest == 2) {
        const std::uint32_t v = byte(i) << 16 | byte(i + 1) << 8;
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += alphabet[v >> 6 & 63];
        out += '=';
    }
    return out;
}

std::string base64_decode(std::string_view text)
{
    std::string out;
    out.resize(text.size() / 4 * 3 + 3);
    char* write = out.data();
    std::uint32_t accumulator = 0;
    int bits = 0;
    std::size_t padding = 0;
    std::size_t symbols = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t at = 0;
    while (at < size) {
        // Fast path: four plain symbols in a row, on a quantum boundary (the bulk of any attachment).
        if (bits == 0 && padding == 0 && at + 4 <= size) {
            const std::int8_t a = decode_table[data[at]], b = decode_table[data[at + 1]],
                              c = decode_table[data[at + 2]], d = decode_table[data[at + 3]];
            if ((a | b | c | d) >= 0) {
                const auto v = static_cast<std::uint32_t>(a) << 18 | static_cast<std::uint32_t>(b) << 12 |
                               static_cast<std::uint32_t>(c) << 6 | static_cast<std::uint32_t>(d);
                *write++ = static_cast<char>(v >> 16 & 0xffu);
                *write++ = static_cast<char>(v >> 8 & 0xffu);
                *write++ = static_cast<char>(v & 0xffu);
                at += 4;
                symbols += 4;
                continue;
            }
        }
        const char c = text[at];
        if (c == '=') {
            ++padding;
            ++at;
            continue;
        }
        const std::int8_t value = decode_table[data[at]];
        if (value == skip) {
            ++at;
            continue;
        }
        if (value == invalid || padding != 0)
            throw wire_error(error_kind::malformed_response,
                             "invalid base64 character at offset " + std::to_string(at));
        accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        ++symbols;
        if (bits >= 8) {
            bits -= 8;
            *write++ = static_cast<char>((accumulator >> bits) & 0xffu);
        }
        ++at;
    }
    if (symbols % 4 == 1 || padding > 2)
        throw wire_error(error_kind::malformed_response, "base64 text has a dangling character");
    out.resize(static_cast<std::size_t>(write - out.data()));
    return out;
}

} // namespace jd::jedeclare
