#pragma once
// A whole generated dataset: the firm, its statement days, the pieces plan, and each piece's bytes on demand.
#include "jdsim/calendar.hpp"
#include "jdsim/compte.hpp"
#include "jdsim/firm.hpp"
#include "jdsim/piece_plan.hpp"
#include "jdsim/statement_generator.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace jdsim {

struct dataset_params {
    std::uint64_t seed = 42;
    int dossiers = 20;
    int days = 10;
    date end_date = default_end_date();  // last statement day
    std::vector<compte_config> comptes = default_comptes();

    // The last business day before today: its statements were delivered this morning.
    static date default_end_date();
};

class dataset {
  public:
    explicit dataset(dataset_params params);
    dataset(const dataset&) = delete;
    dataset& operator=(const dataset&) = delete;

    const dataset_params& params() const { return params_; }
    const firm& firm_model() const { return firm_; }
    const statement_generator& statements() const { return *statements_; }
    const std::vector<date>& days() const { return statements_->days(); }

    // All pieces, sorted by compte then numero.
    const std::vector<planned_piece>& pieces() const { return pieces_; }
    std::span<const planned_piece> pieces_of(std::uint32_t compte) const;

    // Appends the piece's bytes (Latin-1 CFONB 120) to `out`. Safe to call from several threads.
    void write_piece(const planned_piece& p, std::string& out) const;

    // dataset.json: the parameters needed to rebuild this dataset (pieces are regenerated from the seed).
    boost::json::object describe() const;
    static dataset_params read_description(const std::filesystem::path& dataset_json);

  private:
    dataset_params params_;
    firm firm_;
    std::unique_ptr<statement_generator> statements_;
    std::vector<planned_piece> pieces_;
    std::vector<std::size_t> compte_offsets_;  // pieces of compte c: [offsets[c], offsets[c + 1])
};

}  // namespace jdsim
