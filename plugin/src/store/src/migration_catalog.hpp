#pragma once
// The migrations compiled into the library (generated from schema/migrations by embed_migrations.cmake).

#include "store/database.hpp"

#include <span>
#include <string_view>

namespace jd::store::detail {

struct embedded_migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

// Versions 1, 2, 3… in order; the same versions and names for both backends (checked at build time).
[[nodiscard]] std::span<const embedded_migration> embedded_migrations(backend kind) noexcept;

} // namespace jd::store::detail
