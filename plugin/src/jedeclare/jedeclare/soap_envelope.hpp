#pragma once

#include "jedeclare/list_query.hpp"
#include "jedeclare/secret.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace jd::jedeclare {

inline constexpr std::string_view soap_envelope_namespace = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr std::string_view communication_v2_namespace = "http://experian.com/communicationV2/schemas";

// The free-text software identification sent with every SOAP call (JeDéclare keys the "retrieved" marking on it).
struct software_identification {
    std::string editeur = "jedeclare-aggregator";
    std::string logiciel = "jedeclare-aggregator";
    std::string version = "1.0";
};

// One window of a ListeDisponibiliteV2 call (dates already decided by the caller).
struct list_window {
    std::optional<std::chrono::year_month_day> from;
    std::optional<std::chrono::year_month_day> to;
};

// SOAP 1.1 bodies, every value XML-escaped. They hold the password: never log them, never put them in errors.
std::string build_list_envelope(const account_credentials& credentials, const software_identification& identification,
                                const list_query& query, const list_window& window);

inline constexpr std::string_view piece_mime_type_gzip = "application/gzip";
inline constexpr std::string_view type_piece_reception = "03";

std::string build_download_envelope(const account_credentials& credentials,
                                    const software_identification& identification, std::string_view numero,
                                    std::string_view mime_type = piece_mime_type_gzip,
                                    std::string_view type_piece = type_piece_reception);

} // namespace jd::jedeclare
