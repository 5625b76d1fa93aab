#pragma once
// The pieces each compte de flux offers at run time (generated, read from a directory, or added by a test)
// and which of them each editeur/logiciel couple has already retrieved.
#include "jdsim/calendar.hpp"
#include "jdsim/dataset.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace jdsim {

enum class marking_mode {
    per_couple,  // a download marks the piece retrieved for that editeur/logiciel couple only
    shared,      // a download marks it for everybody (what the real service does without an exception)
};

class piece_store {
  public:
    struct listed {
        std::uint64_t numero;
        bool retrieved;  // statut 01
    };
    struct found {
        std::uint32_t compte = 0;
        std::uint64_t numero = 0;
        date published;
    };
    enum class lookup { found, unknown, other_compte };

    // `serve_generated`: offer the dataset's pieces (false when pieces come from a directory).
    piece_store(const dataset& ds, bool serve_generated, marking_mode mode, std::set<std::string> unmarked_couples);

    // Statement files from a directory (sorted by name) become pieces of `compte`; returns how many.
    std::size_t load_directory(const std::filesystem::path& dir, std::uint32_t compte);
    // A piece added at run time; numero 0 = the compte's next number. Throws std::invalid_argument on a
    // number already used in that compte.
    std::uint64_t add(std::uint32_t compte, std::string content, date published, std::string dossier_id,
                      std::uint64_t numero = 0);

    struct filter {
        std::optional<date> from, to;
        bool only_unretrieved = false;
        std::optional<std::string> dossier_id;
    };
    std::vector<listed> list(std::uint32_t compte, std::string_view couple, const filter& f) const;
    lookup find(std::uint32_t compte, std::uint64_t numero, found& out) const;
    std::string content(const found& f) const;
    // Appends the content to `out` (reusing its capacity).
    void append_content(const found& f, std::string& out) const;
    void mark_retrieved(const found& f, std::string_view couple);
    // Forget every retrieval (all pieces back to statut 00).
    void reset_retrievals();

    std::size_t count(std::uint32_t compte) const;
    std::uint64_t retrievals() const;

    static std::string couple_key(std::string_view editeur, std::string_view logiciel);

  private:
    enum class origin : std::uint8_t { generated, file, added };
    struct entry {
        std::uint64_t numero;
        date published;
        origin from;
        std::uint32_t index;  // dataset piece / file / added piece
    };
    struct added_piece {
        std::string content;
        std::string dossier_id;
    };
    struct compte_pieces {
        std::vector<entry> entries;  // sorted by numero
        std::unordered_map<std::string, std::vector<std::uint8_t>> retrieved;  // by couple
    };

    // Position of `numero` in the compte's entries, or -1. Call with the mutex held.
    std::ptrdiff_t position_of(const compte_pieces& cp, std::uint64_t numero) const;
    bool matches_dossier(const entry& e, std::int32_t dossier_index, const std::string& dossier_id) const;
    std::string marking_key(std::string_view couple) const;

    const dataset& ds_;
    marking_mode mode_;
    std::set<std::string> unmarked_;
    mutable std::shared_mutex mutex_;
    std::vector<compte_pieces> comptes_;
    std::vector<std::filesystem::path> files_;
    std::vector<added_piece> added_;
    std::uint64_t retrievals_ = 0;
};

}  // namespace jdsim
