#include "jdsim/dataset.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace jdsim {

date dataset_params::default_end_date() { return date::today_utc().previous_business_day(); }

dataset::dataset(dataset_params params) : params_(std::move(params)) {
    if (params_.days < 0 || params_.days > 3660) throw std::invalid_argument("days must be in 0..3660");
    firm_ = firm::build(params_.seed, params_.dossiers, params_.comptes);
    statements_ = std::make_unique<statement_generator>(params_.seed, firm_, business_days_ending(params_.end_date, params_.days));
    pieces_ = plan_pieces(params_.seed, firm_, statements_->days());
    compte_offsets_.assign(firm_.comptes.size() + 1, 0);
    for (const auto& p : pieces_) ++compte_offsets_[p.compte + 1];
    for (std::size_t c = 1; c < compte_offsets_.size(); ++c) compte_offsets_[c] += compte_offsets_[c - 1];
}

std::span<const planned_piece> dataset::pieces_of(std::uint32_t compte) const {
    if (compte + 1 >= compte_offsets_.size()) return {};
    return std::span<const planned_piece>(pieces_.data() + compte_offsets_[compte],
                                          compte_offsets_[compte + 1] - compte_offsets_[compte]);
}

void dataset::write_piece(const planned_piece& p, std::string& out) const {
    if (p.kind == piece_kind::empty) return;
    thread_local std::vector<cfonb_movement> scratch;
    const std::string_view separator = p.ending == line_ending::crlf ? "\r\n" : (p.ending == line_ending::lf ? "\n" : "");
    const std::size_t start = out.size();
    cfonb_writer w(out, separator);
    const delivery_group& g = firm_.groups[p.group];
    switch (p.kind) {
        case piece_kind::daily:
        case piece_kind::redelivery:
            for (std::uint32_t rib : g.ribs) statements_->write_statement(w, rib, p.day, scratch);
            break;
        case piece_kind::daily_with_overlap:
            for (std::uint32_t rib : g.ribs) {
                statements_->write_statement(w, rib, p.day - 1, scratch);
                statements_->write_statement(w, rib, p.day, scratch);
            }
            break;
        case piece_kind::partial_redelivery:
            statements_->write_statement(w, p.rib, p.day, scratch);
            break;
        case piece_kind::empty:
            break;
    }
    if (!p.final_separator && out.size() >= start + separator.size()) out.resize(out.size() - separator.size());
}

boost::json::object dataset::describe() const {
    boost::json::object o;
    o["format"] = "jedeclare-sim-dataset/1";
    o["seed"] = params_.seed;
    o["dossiers"] = params_.dossiers;
    o["days"] = params_.days;
    o["end_date"] = params_.end_date.iso();
    boost::json::array comptes;
    for (std::size_t c = 0; c < params_.comptes.size(); ++c) {
        const auto& cc = params_.comptes[c];
        boost::json::object j;
        j["login"] = cc.login;
        j["password"] = cc.password;
        if (cc.gestion_id)
            j["gestion_account_id"] = *cc.gestion_id;
        else
            j["gestion_account_id"] = nullptr;
        boost::json::array procs;
        for (const auto& p : cc.procedures) procs.emplace_back(p);
        j["procedures"] = std::move(procs);
        j["weight"] = cc.weight;
        j["first_numero"] = cc.first_numero;
        j["pieces"] = pieces_of(static_cast<std::uint32_t>(c)).size();
        comptes.push_back(std::move(j));
    }
    o["comptes"] = std::move(comptes);
    boost::json::object summary;
    summary["ribs"] = firm_.ribs.size();
    summary["delivery_groups"] = firm_.groups.size();
    summary["pieces"] = pieces_.size();
    if (!days().empty()) {
        summary["first_statement_day"] = days().front().iso();
        summary["last_statement_day"] = days().back().iso();
    }
    o["summary"] = std::move(summary);
    return o;
}

dataset_params dataset::read_description(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    boost::json::value v;
    try {
        v = boost::json::parse(text.str());
    } catch (const std::exception& e) {
        throw std::runtime_error(file.string() + ": not valid JSON: " + e.what());
    }
    const auto& o = v.as_object();
    auto need = [&](const char* key) -> const boost::json::value& {
        if (!o.contains(key)) throw std::runtime_error(file.string() + ": missing \"" + key + "\"");
        return o.at(key);
    };
    dataset_params p;
    p.seed = boost::json::value_to<std::uint64_t>(need("seed"));
    p.dossiers = boost::json::value_to<int>(need("dossiers"));
    p.days = boost::json::value_to<int>(need("days"));
    const auto end = date::parse_iso(need("end_date").as_string());
    if (!end) throw std::runtime_error(file.string() + ": end_date is not AAAA-MM-JJ");
    p.end_date = *end;
    p.comptes.clear();
    for (const auto& cv : need("comptes").as_array()) {
        const auto& c = cv.as_object();
        compte_config cc;
        cc.login = c.at("login").as_string();
        cc.password = c.at("password").as_string();
        if (c.contains("gestion_account_id") && c.at("gestion_account_id").is_string())
            cc.gestion_id = std::string(c.at("gestion_account_id").as_string());
        for (const auto& pr : c.at("procedures").as_array()) cc.procedures.emplace_back(pr.as_string());
        cc.weight = c.at("weight").to_number<double>();
        cc.first_numero = boost::json::value_to<std::uint64_t>(c.at("first_numero"));
        p.comptes.push_back(std::move(cc));
    }
    return p;
}

}  // namespace jdsim
