#include "jdsim/compte.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace jdsim {

bool compte_config::subscribes(std::string_view procedure) const {
    return std::find(procedures.begin(), procedures.end(), procedure) != procedures.end();
}

const std::vector<std::string>& known_procedures() {
    static const std::vector<std::string> all = {"EDI-TDFC", "EDI-TVA", "DSN", "EDI-PAIE", "EDI-IR", "EDI-PART",
                                                 "EDI-OGA", "DUCS", "DPAE_MSA", "DUE", "EDI-DSI", "DTS",
                                                 "BPIJ", "RELEVE"};
    return all;
}

std::vector<compte_config> default_comptes() {
    std::vector<compte_config> c(3);
    c[0].login = "cabinet-demo@jedeclare.com";
    c[0].password = "Demo-Flux-2024";
    c[0].gestion_id = "4242";
    c[0].procedures = known_procedures();
    c[0].weight = 85;
    c[1].login = "cabinet-demo-2@jedeclare.com";
    c[1].password = "Flux&Deux-2024";
    c[1].gestion_id = "4243";
    c[1].procedures = known_procedures();
    c[1].weight = 15;
    c[2].login = "cabinet-tva@jedeclare.com";
    c[2].password = "Tva-Seulement-2024";
    c[2].procedures = {"EDI-TVA", "EDI-TDFC"};
    c[2].weight = 0;
    return c;
}

compte_config parse_compte_spec(std::string_view spec) {
    compte_config c;
    c.procedures = known_procedures();
    std::size_t pos = 0;
    while (pos <= spec.size()) {
        const std::size_t comma = std::min(spec.find(',', pos), spec.size());
        const std::string_view item = spec.substr(pos, comma - pos);
        pos = comma + 1;
        if (item.empty()) continue;
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos)
            throw std::invalid_argument("compte: '" + std::string(item) + "' is not key=value");
        const std::string_view key = item.substr(0, eq);
        const std::string_view value = item.substr(eq + 1);
        if (key == "login") {
            c.login = value;
        } else if (key == "password") {
            c.password = value;
        } else if (key == "gestion") {
            if (value.empty() || !std::all_of(value.begin(), value.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
                throw std::invalid_argument("compte: gestion must be a numeric account id");
            c.gestion_id = std::string(value);
        } else if (key == "procedures") {
            c.procedures.clear();
            std::size_t p = 0;
            while (p <= value.size()) {
                const std::size_t plus = std::min(value.find('+', p), value.size());
                if (plus > p) c.procedures.emplace_back(value.substr(p, plus - p));
                p = plus + 1;
            }
        } else if (key == "weight") {
            try {
                c.weight = std::stod(std::string(value));
            } catch (const std::exception&) {
                throw std::invalid_argument("compte: weight must be a number");
            }
            if (c.weight < 0) throw std::invalid_argument("compte: weight must not be negative");
        } else if (key == "first") {
            std::uint64_t v = 0;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
            if (ec != std::errc() || end != value.data() + value.size() || v == 0)
                throw std::invalid_argument("compte: first must be a positive integer");
            c.first_numero = v;
        } else {
            throw std::invalid_argument("compte: unknown key '" + std::string(key) + "'");
        }
        if (comma == spec.size()) break;
    }
    if (c.login.empty()) throw std::invalid_argument("compte: login is required");
    if (c.password.empty()) throw std::invalid_argument("compte: password is required");
    return c;
}

}  // namespace jdsim
