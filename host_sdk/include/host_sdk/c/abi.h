/* host_sdk/c/abi.h: the versioning, status codes and error block shared by host and plugin.
 *
 * This is the only vocabulary both sides share at run time. It is C99 on purpose: no exception, no STL
 * type and no allocation ever crosses the shared-library boundary. Each side frees what it allocated;
 * results travel through caller-owned buffers or through sink callbacks that copy what they receive.
 *
 * Versioning rule: a plugin built for ABI (major, minor) loads into a host of ABI (MAJOR, MINOR) when
 * major == MAJOR and minor <= MINOR. Structs are append-only; a reader checks a member is present with
 * HS_HAS_FIELD before using it.
 */
#ifndef HOST_SDK_C_ABI_H
#define HOST_SDK_C_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HS_ABI_MAJOR 1
#define HS_ABI_MINOR 0

/* Name of the one symbol a plugin exports (a Boost.DLL alias: a pointer variable in section HS_ENTRY_SECTION). */
#define HS_ENTRY_NAME "hs_aggregator_provider_v1"
#define HS_ENTRY_SECTION "hostsdk"

typedef enum hs_status {
    HS_OK = 0,
    HS_E_NOT_IMPLEMENTED = 1,    /* the provider does not offer this operation (yet) */
    HS_E_PERMISSION_DENIED = 2,  /* the calling user lacks a right */
    HS_E_NOT_FOUND = 3,          /* a company, bank account, instance or key does not exist */
    HS_E_INVALID_ARGUMENT = 4,   /* malformed input (JSON, ids, configuration values) */
    HS_E_TRANSIENT = 5,          /* worth retrying later: network, timeout, remote 5xx */
    HS_E_INCOMPATIBLE = 6,       /* ABI or manifest mismatch */
    HS_E_CANCELLED = 7,          /* stopped on request */
    HS_E_CONFLICT = 8,           /* the state forbids it: already linked, a run already in progress */
    HS_E_REMOTE_REFUSED = 9,     /* the remote service refused durably: credentials, subscription */
    HS_E_INTERNAL = 10           /* a bug or an unexpected failure; the message says what */
} hs_status;

#define HS_ERROR_MESSAGE_SIZE 1024

/* Filled by the callee when it returns a status other than HS_OK. The message is UTF-8, NUL-terminated,
 * truncated to fit, in the language of the call (see hs_call_v1.locale), and never holds a secret. */
typedef struct hs_error {
    int32_t code; /* an hs_status */
    char message[HS_ERROR_MESSAGE_SIZE];
} hs_error;

/* Receives bytes the callee produced (usually UTF-8 JSON). Valid only during the call: copy what you keep.
 * May be called several times; the pieces concatenate. */
typedef void (*hs_sink_fn)(void* user, const char* data, size_t size);

/* Every struct that crosses the boundary starts with this header. */
typedef struct hs_struct_header {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;
} hs_struct_header;

/* True when member `member` lies inside the struct the other side declared (append-only structs).
 * The C++ spelling avoids C casts, so that C++ users can build with -Wold-style-cast -Werror. */
#ifdef __cplusplus
#define HS_HAS_FIELD(type, ptr, member) \
    ((ptr) != nullptr &&                  \
     static_cast<size_t>((ptr)->header.struct_size) >= offsetof(type, member) + sizeof((ptr)->member))
#else
#define HS_HAS_FIELD(type, ptr, member) \
    ((ptr) != NULL && (size_t)(ptr)->header.struct_size >= offsetof(type, member) + sizeof((ptr)->member))
#endif

/* The one compatibility rule, used by the host on the provider's table and by the plugin on the host's. */
static inline int hs_abi_compatible(uint16_t built_major, uint16_t built_minor, uint16_t runtime_major,
                                    uint16_t runtime_minor) {
    return built_major == runtime_major && built_minor <= runtime_minor;
}

#ifdef __cplusplus
}
#endif

#endif
