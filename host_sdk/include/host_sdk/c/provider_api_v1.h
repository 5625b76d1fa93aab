/* host_sdk/c/provider_api_v1.h: what an aggregator plugin gives the host (plugin -> host).
 *
 * The plugin exports one symbol, HS_ENTRY_NAME, a Boost.DLL alias in section HS_ENTRY_SECTION: a pointer
 * variable holding an hs_entry_fn. The host calls it once with its services and receives the provider's
 * table, which lives as long as the library (the host never unloads a plugin while the process runs).
 *
 * An aggregator instance (one configured account of the remote service, e.g. one JeDéclare « compte de
 * flux ») is created with create() and every operation takes the instance pointer `self`. Operations take
 * JSON input and answer JSON through a sink; on failure they return a status and fill hs_error.
 */
#ifndef HOST_SDK_C_PROVIDER_API_V1_H
#define HOST_SDK_C_PROVIDER_API_V1_H

#include "host_sdk/c/abi.h"
#include "host_sdk/c/host_api_v1.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Who calls, in which language, and under which id progress is reported. */
typedef struct hs_call_v1 {
    hs_struct_header header;
    const char* user_id;      /* the acting user; "" for the host scheduler */
    const char* locale;       /* "fr" (default) or "en": the language of messages and reports */
    const char* operation_id; /* passed back to hs_host_api_v1.progress */
} hs_call_v1;

/* How the host creates an instance. settings_json holds node-level settings the host keeps for the
 * instance (for example {"storage":{"backend":"sqlite"}} or {"storage":{"backend":"postgresql",
 * "connection":"host=… dbname=…","password_secret":"…"}}); never the remote service's password. */
typedef struct hs_instance_v1 {
    hs_struct_header header;
    const char* instance_id;   /* stable, chosen by the host, e.g. "jedeclare-1" */
    const char* settings_json; /* may be "{}" */
} hs_instance_v1;

/* The common shape of every operation. input_json may be "{}" when the operation takes nothing. */
typedef hs_status (*hs_operation_fn)(void* self, const hs_call_v1* call, const char* input_json, hs_sink_fn out,
                                     void* user, hs_error* err);

typedef struct hs_provider_api_v1 {
    hs_struct_header header;

    /* Static UTF-8 JSON owned by the library. manifest_json equals the manifest file beside the library
     * (but for its sha256); descriptor_json adds what the aggregator menu needs: {"id","display_name",
     * "menu":{"section":"aggregators","label":…},"configuration_schema":{…JSON Schema…}}. */
    const char* (*manifest_json)(void);
    const char* (*descriptor_json)(void);

    hs_status (*create)(const hs_host_api_v1* host, const hs_instance_v1* instance, void** self, hs_error* err);
    /* Stops and joins everything the instance runs; the pointer is invalid afterwards. */
    void (*destroy)(void* self);

    /* Admin operations; each checks the caller's rights through the host on every call. */
    hs_operation_fn configure;             /* save the configuration form; tests the connection first */
    hs_operation_fn get_configuration;     /* read it back; secrets shown as « défini » / « non défini » */
    hs_operation_fn test_connection;       /* check credentials and subscriptions without saving */
    hs_operation_fn match_companies;       /* the match report: exact links, proposals, unmatched, with reasons */
    hs_operation_fn confirm_company_match; /* link (or unlink) a remote dossier and a host company */
    hs_operation_fn set_activation;        /* activate / deactivate companies */
    hs_operation_fn list_bank_links;       /* one company's remote bank accounts and their links */
    hs_operation_fn set_bank_link;         /* link / unlink a remote bank account to a company bank account */
    hs_operation_fn status;                /* admin-visible state per instance and per company */

    /* The scheduled job. Reports progress through the host and answers a JSON run report. */
    hs_operation_fn sync;
    /* Asks every running operation of the instance to stop promptly (they return HS_E_CANCELLED). */
    void (*cancel)(void* self);
} hs_provider_api_v1;

/* The exported entry point. Returns NULL and fills err when the host's table is not acceptable. */
typedef const hs_provider_api_v1* (*hs_entry_fn)(const hs_host_api_v1* host, hs_error* err);

#ifdef __cplusplus
}
#endif

#endif
