#include "sync/cancellation.hpp"

namespace jd::sync {

const char* run_cancelled::what() const noexcept { return "sync run cancelled"; }

void cancellation::throw_if_requested() const {
    if (requested()) throw run_cancelled();
}

} // namespace jd::sync
