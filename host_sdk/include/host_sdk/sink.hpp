#pragma once
// A string that collects what the other side writes through an hs_sink_fn.

#include "host_sdk/c/abi.h"

#include <cstddef>
#include <string>

namespace host_sdk {

struct string_sink {
    std::string text;
    bool overflowed = false; ///< an allocation failed: text is incomplete

    /// The hs_sink_fn to pass with `this` as user pointer. Never throws: it is called from the other side.
    static void append(void* user, const char* data, std::size_t size) noexcept {
        auto* self = static_cast<string_sink*>(user);
        if (self == nullptr || data == nullptr || self->overflowed) return;
        try {
            self->text.append(data, size);
        } catch (...) {
            self->overflowed = true;
        }
    }
};

} // namespace host_sdk
