#include "jdsim/piece_store.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace jdsim {
namespace {

date file_date(const std::filesystem::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return date::today_utc();
    return date::from_days(static_cast<std::int32_t>(st.st_mtime / 86400));
}

}  // namespace

piece_store::piece_store(const dataset& ds, bool serve_generated, marking_mode mode, std::set<std::string> unmarked)
    : ds_(ds), mode_(mode), unmarked_(std::move(unmarked)), comptes_(ds.firm_model().comptes.size()) {
    if (!serve_generated) return;
    const auto& all = ds.pieces();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const planned_piece& p = all[i];
        comptes_[p.compte].entries.push_back({p.numero, p.published, origin::generated, static_cast<std::uint32_t>(i)});
    }
}

std::string piece_store::couple_key(std::string_view editeur, std::string_view logiciel) {
    std::string k(editeur);
    k += '\x1f';
    k += logiciel;
    return k;
}

std::string piece_store::marking_key(std::string_view couple) const {
    return mode_ == marking_mode::shared ? std::string() : std::string(couple);
}

std::size_t piece_store::load_directory(const std::filesystem::path& dir, std::uint32_t compte) {
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file()) paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    std::unique_lock lock(mutex_);
    auto& cp = comptes_.at(compte);
    std::uint64_t numero = ds_.firm_model().comptes[compte].first_numero;
    if (!cp.entries.empty()) numero = cp.entries.back().numero + 1;
    for (const auto& p : paths) {
        cp.entries.push_back({numero++, file_date(p), origin::file, static_cast<std::uint32_t>(files_.size())});
        files_.push_back(p);
    }
    return paths.size();
}

std::uint64_t piece_store::add(std::uint32_t compte, std::string content, date published, std::string dossier_id,
                               std::uint64_t numero) {
    std::unique_lock lock(mutex_);
    auto& cp = comptes_.at(compte);
    if (numero == 0)
        numero = cp.entries.empty() ? ds_.firm_model().comptes[compte].first_numero : cp.entries.back().numero + 1;
    auto at = std::lower_bound(cp.entries.begin(), cp.entries.end(), numero,
                               [](const entry& e, std::uint64_t n) { return e.numero < n; });
    if (at != cp.entries.end() && at->numero == numero)
        throw std::invalid_argument("piece number " + std::to_string(numero) + " already exists in this compte");
    const auto position = static_cast<std::size_t>(at - cp.entries.begin());
    cp.entries.insert(at, {numero, published, origin::added, static_cast<std::uint32_t>(added_.size())});
    added_.push_back({std::move(content), std::move(dossier_id)});
    // Retrieval flags are positional: make room at the same position.
    for (auto& [couple, flags] : cp.retrieved)
        if (flags.size() > position) flags.insert(flags.begin() + static_cast<std::ptrdiff_t>(position), 0);
    return numero;
}

bool piece_store::matches_dossier(const entry& e, std::int32_t dossier_index, const std::string& dossier_id) const {
    switch (e.from) {
        case origin::generated: {
            if (dossier_index < 0) return false;
            const planned_piece& p = ds_.pieces()[e.index];
            const auto& g = ds_.firm_model().groups[p.group];
            const auto d = static_cast<std::uint32_t>(dossier_index);
            if (p.kind == piece_kind::partial_redelivery)
                return ds_.firm_model().ribs[p.rib].dossier == dossier_index;
            return std::binary_search(g.dossiers.begin(), g.dossiers.end(), d);
        }
        case origin::added: return !added_[e.index].dossier_id.empty() && added_[e.index].dossier_id == dossier_id;
        case origin::file: return false;
    }
    return false;
}

std::vector<piece_store::listed> piece_store::list(std::uint32_t compte, std::string_view couple, const filter& f) const {
    std::vector<listed> out;
    std::int32_t dossier_index = -1;
    if (f.dossier_id) dossier_index = ds_.firm_model().find_dossier(*f.dossier_id);
    std::shared_lock lock(mutex_);
    const auto& cp = comptes_.at(compte);
    const auto flags_it = cp.retrieved.find(marking_key(couple));
    const std::vector<std::uint8_t>* flags = flags_it == cp.retrieved.end() ? nullptr : &flags_it->second;
    for (std::size_t i = 0; i < cp.entries.size(); ++i) {
        const entry& e = cp.entries[i];
        if (f.from && e.published < *f.from) continue;
        if (f.to && e.published > *f.to) continue;
        const bool retrieved = flags && i < flags->size() && (*flags)[i] != 0;
        if (f.only_unretrieved && retrieved) continue;
        if (f.dossier_id && !matches_dossier(e, dossier_index, *f.dossier_id)) continue;
        out.push_back({e.numero, retrieved});
    }
    return out;
}

std::ptrdiff_t piece_store::position_of(const compte_pieces& cp, std::uint64_t numero) const {
    auto at = std::lower_bound(cp.entries.begin(), cp.entries.end(), numero,
                               [](const entry& e, std::uint64_t n) { return e.numero < n; });
    if (at == cp.entries.end() || at->numero != numero) return -1;
    return at - cp.entries.begin();
}

piece_store::lookup piece_store::find(std::uint32_t compte, std::uint64_t numero, found& out) const {
    std::shared_lock lock(mutex_);
    const std::ptrdiff_t pos = position_of(comptes_.at(compte), numero);
    if (pos >= 0) {
        out = {compte, numero, comptes_[compte].entries[static_cast<std::size_t>(pos)].published};
        return lookup::found;
    }
    for (std::uint32_t c = 0; c < comptes_.size(); ++c)
        if (c != compte && position_of(comptes_[c], numero) >= 0) return lookup::other_compte;
    return lookup::unknown;
}

std::string piece_store::content(const found& f) const {
    std::string out;
    append_content(f, out);
    return out;
}

void piece_store::append_content(const found& f, std::string& out) const {
    entry e;
    {
        std::shared_lock lock(mutex_);
        const auto& cp = comptes_.at(f.compte);
        const std::ptrdiff_t pos = position_of(cp, f.numero);
        if (pos < 0) throw std::out_of_range("piece " + std::to_string(f.numero) + " vanished");
        e = cp.entries[static_cast<std::size_t>(pos)];
        if (e.from == origin::added) {
            out += added_[e.index].content;
            return;
        }
    }
    if (e.from == origin::generated) {
        ds_.write_piece(ds_.pieces()[e.index], out);
        return;
    }
    std::ifstream in(files_[e.index], std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + files_[e.index].string());
    std::ostringstream s;
    s << in.rdbuf();
    out += s.str();
}

void piece_store::mark_retrieved(const found& f, std::string_view couple) {
    if (unmarked_.count(std::string(couple))) return;
    std::unique_lock lock(mutex_);
    auto& cp = comptes_.at(f.compte);
    const std::ptrdiff_t pos = position_of(cp, f.numero);
    if (pos < 0) return;
    const auto position = static_cast<std::size_t>(pos);
    auto& flags = cp.retrieved[marking_key(couple)];
    if (flags.size() < cp.entries.size()) flags.resize(cp.entries.size(), 0);
    if (!flags[position]) ++retrievals_;
    flags[position] = 1;
}

void piece_store::reset_retrievals() {
    std::unique_lock lock(mutex_);
    for (auto& cp : comptes_) cp.retrieved.clear();
    retrievals_ = 0;
}

std::size_t piece_store::count(std::uint32_t compte) const {
    std::shared_lock lock(mutex_);
    return comptes_.at(compte).entries.size();
}

std::uint64_t piece_store::retrievals() const {
    std::shared_lock lock(mutex_);
    return retrievals_;
}

}  // namespace jdsim
