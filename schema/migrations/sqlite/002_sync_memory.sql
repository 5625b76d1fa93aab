-- 002 sync_memory: what the sync remembers, per aggregator instance.

-- Raw pieces, stored before anything else is done with them. The bytes live in their own table so that
-- listing and updating pieces never reads them.
CREATE TABLE raw_piece (
    instance_id   TEXT NOT NULL,
    numero        TEXT NOT NULL,
    type_piece    TEXT NOT NULL DEFAULT '',
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes    BIGINT NOT NULL CHECK (size_bytes >= 0),
    downloaded_at BIGINT NOT NULL,
    parse_state   TEXT NOT NULL CHECK (parse_state = 'pending' OR parse_state = 'parsed' OR parse_state = 'failed'),
    parse_error   TEXT NOT NULL DEFAULT '',
    parsed_at     BIGINT NULL,
    attempts      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (instance_id, numero)
);
CREATE INDEX raw_piece_by_state ON raw_piece (instance_id, parse_state, downloaded_at);
CREATE TABLE raw_piece_content (
    instance_id TEXT NOT NULL,
    numero      TEXT NOT NULL,
    content     BLOB NOT NULL,
    PRIMARY KEY (instance_id, numero),
    CONSTRAINT raw_piece_content_piece FOREIGN KEY (instance_id, numero) REFERENCES raw_piece (instance_id, numero)
);

-- One row per instance, locked by every transaction that routes movements (see router.hpp).
CREATE TABLE routing_guard (
    instance_id TEXT PRIMARY KEY,
    generation  BIGINT NOT NULL
);

-- Bank movements: stored once per identity, then pending (routable), quarantined (kept, with a reason) or
-- delivered (acknowledged by the host).
CREATE TABLE movement (
    movement_id       INTEGER PRIMARY KEY,
    instance_id       TEXT NOT NULL,
    identity          TEXT NOT NULL,
    rib_key           TEXT NOT NULL CHECK (length(rib_key) = 21),
    currency          TEXT NOT NULL,
    decimals          BIGINT NOT NULL,
    booking_date      TEXT NOT NULL,
    value_date        TEXT NOT NULL DEFAULT '',
    amount_minor      BIGINT NOT NULL,
    label             TEXT NOT NULL,
    details           TEXT NOT NULL,
    reference         TEXT NOT NULL,
    operation_code    TEXT NOT NULL,
    entry_number      TEXT NOT NULL,
    piece_numero      TEXT NOT NULL,
    stored_at         BIGINT NOT NULL,
    state             TEXT NOT NULL CHECK (state = 'pending' OR state = 'quarantined' OR state = 'delivered'),
    quarantine_reason TEXT NULL
        CHECK (quarantine_reason = 'no_bank_link' OR quarantine_reason = 'company_inactive'
               OR quarantine_reason = 'before_deliver_from'),
    company_id        BIGINT NULL,
    bank_account_id   BIGINT NULL,
    acknowledged_at   BIGINT NULL,
    outcome           TEXT NULL CHECK (outcome = 'stored' OR outcome = 'already_stored'),
    CONSTRAINT movement_identity_once UNIQUE (instance_id, identity),
    CONSTRAINT movement_piece FOREIGN KEY (instance_id, piece_numero) REFERENCES raw_piece (instance_id, numero),
    CONSTRAINT movement_pending_has_route
        CHECK (state <> 'pending' OR (company_id IS NOT NULL AND bank_account_id IS NOT NULL)),
    CONSTRAINT movement_quarantined_has_reason CHECK (state <> 'quarantined' OR quarantine_reason IS NOT NULL),
    CONSTRAINT movement_delivered_has_route
        CHECK (state <> 'delivered' OR (company_id IS NOT NULL AND bank_account_id IS NOT NULL
                                        AND acknowledged_at IS NOT NULL AND outcome IS NOT NULL))
);
-- Delivery: the next batch of a route, in booking order. Only pending rows are indexed.
CREATE INDEX movement_pending_by_route
    ON movement (instance_id, company_id, bank_account_id, booking_date, movement_id) WHERE state = 'pending';
-- Re-routing after a link or activation change: the quarantined movements of a RIB (pending ones are found
-- through movement_pending_by_route; delivered ones are never indexed again).
CREATE INDEX movement_quarantined_by_rib
    ON movement (instance_id, rib_key, booking_date) WHERE state = 'quarantined';

-- Findings of the statement engine per piece (balance warnings…).
CREATE TABLE piece_diagnostic (
    diagnostic_id  INTEGER PRIMARY KEY,
    instance_id    TEXT NOT NULL,
    numero         TEXT NOT NULL,
    severity       TEXT NOT NULL CHECK (severity = 'warning' OR severity = 'error'),
    code           TEXT NOT NULL,
    rib_key        TEXT NOT NULL DEFAULT '',
    statement_date TEXT NOT NULL DEFAULT '',
    expected_minor BIGINT NULL,
    found_minor    BIGINT NULL,
    message        TEXT NOT NULL,
    recorded_at    BIGINT NOT NULL,
    CONSTRAINT piece_diagnostic_piece FOREIGN KEY (instance_id, numero) REFERENCES raw_piece (instance_id, numero)
);
CREATE INDEX piece_diagnostic_by_piece ON piece_diagnostic (instance_id, numero);
CREATE INDEX piece_diagnostic_by_instance ON piece_diagnostic (instance_id, diagnostic_id);

-- Admin-visible state of the instance and of each company.
CREATE TABLE instance_state (
    instance_id     TEXT PRIMARY KEY,
    state           TEXT NOT NULL CHECK (state = 'ok' OR state = 'non_configure' OR state = 'identifiants_refuses'
                    OR state = 'procedure_non_souscrite' OR state = 'compte_inconnu' OR state = 'erreur_reseau'
                    OR state = 'erreur_certificat' OR state = 'piece_illisible'),
    message         TEXT NOT NULL,
    last_success_at BIGINT NULL,
    last_run_at     BIGINT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE TABLE company_state (
    instance_id     TEXT NOT NULL,
    company_id      BIGINT NOT NULL,
    state           TEXT NOT NULL CHECK (state = 'ok' OR state = 'non_configure' OR state = 'identifiants_refuses'
                    OR state = 'procedure_non_souscrite' OR state = 'compte_inconnu' OR state = 'erreur_reseau'
                    OR state = 'erreur_certificat' OR state = 'piece_illisible'),
    message         TEXT NOT NULL,
    last_success_at BIGINT NULL,
    last_run_at     BIGINT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (instance_id, company_id)
);

-- Run reports.
CREATE TABLE sync_run (
    run_id       INTEGER PRIMARY KEY,
    instance_id  TEXT NOT NULL,
    run_trigger  TEXT NOT NULL CHECK (run_trigger = 'scheduler' OR run_trigger = 'manual'),
    triggered_by TEXT NOT NULL,
    started_at   BIGINT NOT NULL,
    finished_at  BIGINT NULL,
    state        TEXT NULL,
    report_json  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_run_by_instance ON sync_run (instance_id, run_id);

-- One sync at a time per instance, across processes and nodes; expires so a crash does not block forever.
CREATE TABLE sync_lease (
    instance_id TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    acquired_at BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
