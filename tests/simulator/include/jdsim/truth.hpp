#pragma once
// Contract C: what a correct sync must deliver, per RIB — the distinct real movements (an overlapping or
// re-delivered piece repeats movements that count once; genuine same-day twins count twice).
#include "jdsim/dataset.hpp"
#include "jdsim/host_seed.hpp"

#include <boost/json/object.hpp>

namespace jdsim {

// company_id / bank_account_id: where an exact, unambiguous raison-sociale match puts the movements (null
// when the link needs an administrator: proposed spelling, SIREN only, ambiguous name, no company).
// intended_company_id / intended_bank_account_id: the company and account they belong to in any case.
boost::json::object build_truth(const dataset& ds, const host_plan& host);

}  // namespace jdsim
