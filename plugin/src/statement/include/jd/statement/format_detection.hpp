#pragma once
// Recognises what a file is from its first bytes, so that a file in another format is refused with its name
// instead of a flood of "unknown record" errors.

#include "jd/statement/diagnostic.hpp"

#include <cstdint>
#include <string_view>

namespace jd::statement {

enum class file_format : std::uint8_t {
    unknown,
    empty,
    cfonb120,  ///< relevé de compte, records 01/04/05/07 of 120 characters
    cfonb240,  ///< LCR/effets and other 240-character files (records 31..39)
    cfonb160,  ///< virements/prélèvements "aller" files of 160 characters (records 03/06/08)
    camt053,   ///< ISO 20022 XML bank statement
    ofx,
    mt940,
    xml,       ///< another XML document
    zip,       ///< an archive: statements are sometimes delivered zipped
    gzip,
    pdf,
};

/// A stable lower-case name ("cfonb120", "cfonb240", …).
[[nodiscard]] std::string_view format_name(file_format format) noexcept;
/// A human name ("CFONB 240 (LCR, effets)", "archive ZIP"…).
[[nodiscard]] std::string_view format_label(file_format format, language lang) noexcept;

/// Looks at the first bytes of a file (a few KB are enough). `whole_file` says that `head` is all of it.
/// Returns cfonb120 when the first record has a CFONB 120 code, unknown when nothing is recognised.
[[nodiscard]] file_format detect_format(std::string_view head, bool whole_file) noexcept;

/// Bytes detect_format() likes to see before deciding.
inline constexpr std::size_t detection_window = 4096;

} // namespace jd::statement
