#pragma once
// The loader's refusal messages, in French (default) and English. Each names the file at fault and,
// where there is one, what was expected and what was found. Tests compare these texts exactly.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace host_sdk::detail {

class loader_messages {
public:
    explicit loader_messages(std::string_view locale) : english_(locale == "en") {}

    [[nodiscard]] bool english() const noexcept { return english_; }

    std::string directory_missing(const std::filesystem::path& dir) const;
    std::string manifest_missing(const std::filesystem::path& manifest) const;
    std::string manifest_unreadable(const std::filesystem::path& manifest) const;
    std::string invalid_json(const std::filesystem::path& manifest, std::size_t line, std::size_t column,
                             std::string_view detail_fr, std::string_view detail_en) const;
    std::string schema_violation(const std::filesystem::path& manifest, const std::string& described) const;
    std::string wrong_platform(const std::filesystem::path& manifest, std::string_view found,
                               std::string_view expected) const;
    std::string abi_major(const std::filesystem::path& manifest, unsigned found_major, unsigned found_minor) const;
    std::string abi_minor(const std::filesystem::path& manifest, unsigned found_major, unsigned found_minor) const;
    std::string library_missing(const std::filesystem::path& manifest, const std::filesystem::path& library) const;
    std::string sha256_mismatch(const std::filesystem::path& manifest, const std::filesystem::path& library,
                                std::string_view expected, std::string_view found) const;
    std::string not_a_library(const std::filesystem::path& manifest, const std::filesystem::path& library,
                              std::string_view detail) const;
    std::string entry_missing(const std::filesystem::path& manifest, const std::filesystem::path& library,
                              std::string_view entry) const;
    std::string load_failed(const std::filesystem::path& manifest, const std::filesystem::path& library,
                            std::string_view detail) const;
    std::string entry_refused(const std::filesystem::path& manifest, const std::filesystem::path& library,
                              std::string_view status, std::string_view message) const;
    std::string table_too_small(const std::filesystem::path& manifest, std::uint32_t found, std::size_t minimum) const;
    std::string table_abi(const std::filesystem::path& manifest, unsigned major, unsigned minor) const;
    std::string table_member_missing(const std::filesystem::path& manifest, std::string_view member) const;
    std::string compiled_manifest_unreadable(const std::filesystem::path& manifest,
                                             const std::filesystem::path& library, std::string_view detail) const;
    std::string compiled_manifest_differs(const std::filesystem::path& manifest, const std::filesystem::path& library,
                                          std::string_view field, std::string_view file_value,
                                          std::string_view library_value) const;
    std::string library_without_manifest(const std::filesystem::path& library) const;
    std::string duplicate_id(const std::filesystem::path& manifest, std::string_view id,
                             const std::filesystem::path& other) const;
    std::string unexpected(const std::filesystem::path& file, std::string_view detail) const;
    std::string instance_destroyed(std::string_view instance_id) const;
    std::string operation_missing(std::string_view operation) const;
    std::string descriptor_invalid(std::string_view id, std::string_view detail) const;
    std::string create_returned_nothing(std::string_view id) const;
    /// "absent" when a field exists on one side only.
    std::string absent() const { return english_ ? "absent" : "absent"; }

private:
    // "<file> : <reason>" in French typography, "<file>: <reason>" in English.
    std::string at(const std::filesystem::path& file, const std::string& fr, const std::string& en) const;

    bool english_;
};

} // namespace host_sdk::detail
