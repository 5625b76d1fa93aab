/* host_sdk/c/host_api_v1.h: the services a host gives to its aggregator plugins (host -> plugin).
 *
 * The host fills one hs_host_api_v1 and passes it to the plugin's entry point and to create(). Every
 * function receives `ctx`, the host's opaque pointer. Strings are UTF-8, borrowed for the duration of the
 * call. Records that may grow (companies) travel as JSON text through an hs_sink_fn.
 */
#ifndef HOST_SDK_C_HOST_API_V1_H
#define HOST_SDK_C_HOST_API_V1_H

#include "host_sdk/c/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Platform rights (company_id 0) and per-company rights, as the host names them. */
#define HS_RIGHT_PLATFORM_CONFIGURATION "platform.configuration"   /* « Autoriser l'accès à la configuration de la plateforme » */
#define HS_RIGHT_PLATFORM_ADMINISTRATION "platform.administration" /* « Autoriser l'accès à l'administration de la plateforme » */
#define HS_RIGHT_COMPANY_ACCOUNTING_SETTINGS "company.accounting_settings" /* « Autoriser l'accès au paramétrage de la comptabilité » */

typedef enum hs_log_level {
    HS_LOG_DEBUG = 0,
    HS_LOG_INFO = 1,
    HS_LOG_WARNING = 2,
    HS_LOG_ERROR = 3
} hs_log_level;

/* One bank movement handed to the host's ledger. Amounts are integer minor units (cents for EUR). */
typedef struct hs_movement_v1 {
    hs_struct_header header;
    const char* idempotency_key; /* stable across re-deliveries: the host stores a key once */
    const char* booking_date;    /* YYYY-MM-DD, a calendar date */
    const char* value_date;      /* YYYY-MM-DD or "" */
    int64_t amount_minor;        /* signed: credit > 0, debit < 0 */
    int32_t decimals;            /* number of minor-unit digits of amount_minor */
    const char* currency;        /* ISO 4217 */
    const char* label;
    const char* details;         /* complementary text (CFONB 05 records), lines joined by '\n' */
    const char* reference;
    const char* operation_code;  /* CFONB interbank operation code */
    const char* entry_number;
} hs_movement_v1;

/* What the host did with each movement of a delivery (one byte per movement, written by the host). */
#define HS_MOVEMENT_STORED 1         /* new: stored now */
#define HS_MOVEMENT_ALREADY_STORED 2 /* its key was already in the ledger: acknowledged, not stored twice */

typedef struct hs_delivery_v1 {
    hs_struct_header header;
    const char* source;          /* the aggregator instance id that delivers */
    int64_t company_id;
    int64_t bank_account_id;
    const hs_movement_v1* movements; /* an array of `count` structs, each `movement_size` bytes apart */
    size_t count;
    size_t movement_size;
} hs_delivery_v1;

typedef struct hs_host_api_v1 {
    hs_struct_header header;
    void* ctx;
    const char* host_name;    /* e.g. "aggregator-host 1.0.0", for logs */

    /* Rights. company_id 0 asks about a platform right. *allowed receives 1 or 0. */
    hs_status (*check_permission)(void* ctx, const char* user_id, const char* right, int64_t company_id,
                                  int* allowed, hs_error* err);

    /* Companies, as JSON: {"id":1,"legal_name":"…","siren":"…","siret":"…",
     *   "bank_accounts":[{"id":10,"label":"…","iban":"FR76…","journal_code":"BQ1"}]} */
    hs_status (*get_company)(void* ctx, int64_t company_id, hs_sink_fn sink, void* user, hs_error* err);
    /* A JSON array of the companies whose legal name equals `legal_name` exactly (byte for byte). */
    hs_status (*find_companies_by_legal_name)(void* ctx, const char* legal_name, hs_sink_fn sink, void* user,
                                              hs_error* err);
    /* {"total":N,"companies":[…]} ordered by id; at most `limit` companies from `offset`. */
    hs_status (*list_companies)(void* ctx, uint32_t offset, uint32_t limit, hs_sink_fn sink, void* user,
                                hs_error* err);

    /* The movement sink. Idempotent on each movement's key; outcomes receives one HS_MOVEMENT_* byte per
     * movement. The call is atomic: on an error status nothing of the batch was stored. */
    hs_status (*deliver_movements)(void* ctx, const hs_delivery_v1* delivery, uint8_t* outcomes, hs_error* err);

    /* Secret store: values are opaque bytes, kept encrypted by the host. get returns HS_E_NOT_FOUND if absent. */
    hs_status (*secret_put)(void* ctx, const char* key, const char* value, size_t size, hs_error* err);
    hs_status (*secret_get)(void* ctx, const char* key, hs_sink_fn sink, void* user, hs_error* err);
    hs_status (*secret_delete)(void* ctx, const char* key, hs_error* err);

    /* Structured log: one event, fields as a JSON object text (may be NULL). Never pass a secret. */
    void (*log)(void* ctx, int level, const char* component, const char* event, const char* fields_json);
    /* Progress of a long operation: phase is a short name ("list", "download", "deliver"). total 0 = unknown. */
    void (*progress)(void* ctx, const char* operation_id, const char* phase, uint64_t done, uint64_t total);
    /* The host's clock, milliseconds since the Unix epoch (tests may drive it). */
    int64_t (*now_ms)(void* ctx);
    /* A directory that belongs to this plugin, created by the host; the path goes to the sink. */
    hs_status (*data_directory)(void* ctx, hs_sink_fn sink, void* user, hs_error* err);
} hs_host_api_v1;

#ifdef __cplusplus
}
#endif

#endif
