// libFuzzer target for the CFONB 120 statement engine. Besides crashes and sanitizer reports, it checks
// invariants on every input:
//  * parsing twice, the second time fed in pieces cut at input-dependent places, gives the same identities,
//    diagnostics and acceptance (identities are deterministic and streaming is exact);
//  * a statement is `balanced` exactly when opening + Σ movements == closing (recomputed here), and an
//    unbalanced or uncheckable statement is always reported (never a silent wrong sum);
//  * every movement has a valid booking date when its statement has one, a sane number of decimals, and an
//    identity of the documented shape, unique within the file;
//  * all text is valid UTF-8; every diagnostic renders in French and English;
//  * in strict mode an accepted file has no warning or error.

#include "jd/statement/parse.hpp"
#include "jd/statement/text.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using namespace jd::statement;

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
}

void check(bool condition, const char* what) {
    if (!condition) {
        fail(what);
    }
}

struct outcome {
    std::vector<std::string> ids;
    std::vector<std::pair<int, std::uint64_t>> diagnostics; // code, offset
    bool accepted = false;
};

void check_utf8(std::string_view text, const char* what) { check(is_valid_utf8(text.data(), text.size()), what); }

__extension__ typedef __int128 wide;

void check_statement(const bank_statement& s, const std::vector<diagnostic>& diagnostics, std::set<std::string>& ids) {
    if (s.opening && s.closing) {
        int scale = std::max(s.opening->decimals, s.closing->decimals);
        for (const movement& m : s.movements) {
            scale = std::max(scale, m.decimals);
        }
        const auto scaled = [scale](std::int64_t v, int decimals) {
            wide w = v;
            for (int i = decimals; i < scale; ++i) {
                w *= 10;
            }
            return w;
        };
        wide total = scaled(s.opening->amount_minor, s.opening->decimals);
        for (const movement& m : s.movements) {
            total += scaled(m.amount_minor, m.decimals);
        }
        const bool balanced = total == scaled(s.closing->amount_minor, s.closing->decimals);
        check(balanced == s.balanced, "balanced flag matches the arithmetic");
    } else {
        check(!s.balanced, "a statement without both balances is not balanced");
    }
    if (!s.balanced) {
        bool reported = false;
        for (const diagnostic& d : diagnostics) {
            reported = reported || d.code == diagnostic_code::unbalanced_statement || d.code == diagnostic_code::balance_unknown;
        }
        check(reported, "an unbalanced statement is reported");
    }
    const bool statement_has_date = (s.opening && s.opening->date.valid()) || (s.closing && s.closing->date.valid());
    check_utf8(s.bank, "bank is UTF-8");
    check_utf8(s.account, "account is UTF-8");
    check_utf8(s.currency, "currency is UTF-8");
    for (const movement& m : s.movements) {
        check(!statement_has_date || m.booking_date.valid(), "movement has a booking date");
        check(m.decimals >= 0 && m.decimals <= 9, "decimals in range");
        check(m.id.size() >= 34 && m.id[32] == '-', "identity shape");
        check(ids.insert(std::string(m.id)).second, "identities are unique in a file");
        check_utf8(m.label, "label is UTF-8");
        check_utf8(m.reference, "reference is UTF-8");
        check_utf8(m.entry_number, "entry number is UTF-8");
        for (const complement& c : m.complements) {
            check_utf8(c.raw, "complement raw is UTF-8");
            check_utf8(c.text, "complement text is UTF-8");
            check_utf8(c.second, "complement second is UTF-8");
            check_utf8(c.qualifier, "qualifier is UTF-8");
        }
    }
}

outcome run(std::string_view bytes, parse_mode mode, std::size_t first_cut, std::size_t second_cut) {
    outcome out;
    parse_options options;
    options.mode = mode;
    std::vector<diagnostic> diagnostics;
    std::set<std::string> unique;
    parser p(
        options,
        [&](bank_statement& s) {
            check_statement(s, diagnostics, unique);
            for (const movement& m : s.movements) {
                out.ids.emplace_back(m.id);
            }
        },
        [&](const diagnostic& d) {
            diagnostics.push_back(d);
            out.diagnostics.emplace_back(static_cast<int>(d.code), d.offset);
            check(!describe(d, "fr").empty() && !describe(d, "en").empty(), "diagnostic renders");
            check_utf8(d.value, "diagnostic value is UTF-8");
        });
    first_cut = std::min(first_cut, bytes.size());
    second_cut = std::min(std::max(second_cut, first_cut), bytes.size());
    p.feed(bytes.substr(0, first_cut));
    p.feed(bytes.substr(first_cut, second_cut - first_cut));
    p.feed(bytes.substr(second_cut));
    p.finish();
    out.accepted = p.summary().accepted;
    if (mode == parse_mode::strict && out.accepted) {
        check(p.summary().diagnostics[1] == 0 && p.summary().diagnostics[2] == 0 && p.summary().diagnostics[3] == 0,
              "a strictly accepted file has no warning or error");
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // Cut points derived from the input itself, so that they vary with it.
    const std::size_t cut1 = size == 0 ? 0 : (data[0] * 131U + size) % (size + 1);
    const std::size_t cut2 = size == 0 ? 0 : (data[size - 1] * 257U + size / 2) % (size + 1);

    const outcome whole = run(bytes, parse_mode::lenient, size, size);
    const outcome pieces = run(bytes, parse_mode::lenient, cut1, cut2);
    check(whole.ids == pieces.ids, "a second parse, in pieces, gives the same identities");
    check(whole.diagnostics == pieces.diagnostics, "a second parse, in pieces, gives the same diagnostics");
    check(whole.accepted == pieces.accepted, "a second parse, in pieces, gives the same acceptance");

    const outcome strict = run(bytes, parse_mode::strict, cut1, cut2);
    if (strict.accepted) {
        check(whole.accepted, "strictly accepted implies leniently accepted");
        check(strict.ids == whole.ids, "strict and lenient agree on an accepted file");
    }
    return 0;
}
