-- 001 admin_memory: what the admin flow remembers, per aggregator instance (one JeDéclare compte de flux).
-- Every row carries instance_id: several instances may share one database.
-- Integers are BIGINT (64-bit on both engines); times are milliseconds since the epoch (UTC); calendar dates
-- are 'YYYY-MM-DD' text. CHECKs list allowed values with OR, not IN: SQLite builds a temporary index for an
-- IN list on every row it checks.

-- How the instance reaches JeDéclare. The password is not here: password_ref is the key name under which the
-- host's secret store keeps it.
CREATE TABLE instance_config (
    instance_id        TEXT PRIMARY KEY,
    login              TEXT NOT NULL,
    gestion_account_id TEXT NOT NULL,
    editeur            TEXT NOT NULL,
    logiciel           TEXT NOT NULL,
    version            TEXT NOT NULL,
    soap_url           TEXT NOT NULL,
    gestion_url        TEXT NOT NULL,
    ca_bundle          TEXT NOT NULL DEFAULT '',
    password_ref       TEXT NOT NULL DEFAULT '',
    updated_at         BIGINT NOT NULL,
    updated_by         TEXT NOT NULL
);

-- Client dossiers seen through the gestion API.
CREATE TABLE remote_dossier (
    instance_id   TEXT NOT NULL,
    dossier_id    TEXT NOT NULL,
    rs            TEXT NOT NULL,
    siren         TEXT NOT NULL,
    nic           TEXT NOT NULL,
    first_seen_at BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    PRIMARY KEY (instance_id, dossier_id)
);

-- RIBs seen through the gestion API or in statements. rib_key = bank (5) + guichet (5) + account (11).
CREATE TABLE remote_rib (
    instance_id   TEXT NOT NULL,
    rib_key       TEXT NOT NULL CHECK (length(rib_key) = 21),
    dossier_id    TEXT NULL,
    iban          TEXT NOT NULL DEFAULT '',
    label         TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL CHECK (source = 'gestion' OR source = 'statement'),
    first_seen_at BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    PRIMARY KEY (instance_id, rib_key)
);
CREATE INDEX remote_rib_by_dossier ON remote_rib (instance_id, dossier_id);

-- Dossier <-> host company: one to one per instance.
CREATE TABLE company_link (
    instance_id TEXT NOT NULL,
    dossier_id  TEXT NOT NULL,
    company_id  BIGINT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind = 'exact' OR kind = 'confirmed'),
    linked_by   TEXT NOT NULL,
    linked_at   BIGINT NOT NULL,
    PRIMARY KEY (instance_id, dossier_id),
    CONSTRAINT company_link_one_dossier_per_company UNIQUE (instance_id, company_id)
);

-- Whether movements are delivered to a company, and from which booking date. No row = inactive.
CREATE TABLE company_activation (
    instance_id  TEXT NOT NULL,
    company_id   BIGINT NOT NULL,
    active       BIGINT NOT NULL CHECK (active = 0 OR active = 1),
    deliver_from TEXT NULL,
    changed_by   TEXT NOT NULL,
    changed_at   BIGINT NOT NULL,
    PRIMARY KEY (instance_id, company_id)
);

-- RIB -> host bank account: a RIB goes to one account, an account receives one RIB.
CREATE TABLE bank_link (
    instance_id     TEXT NOT NULL,
    rib_key         TEXT NOT NULL CHECK (length(rib_key) = 21),
    company_id      BIGINT NOT NULL,
    bank_account_id BIGINT NOT NULL,
    deliver_from    TEXT NULL,
    linked_by       TEXT NOT NULL,
    linked_at       BIGINT NOT NULL,
    PRIMARY KEY (instance_id, rib_key),
    CONSTRAINT bank_link_one_rib_per_account UNIQUE (instance_id, bank_account_id)
);
CREATE INDEX bank_link_by_company ON bank_link (instance_id, company_id);

-- Who changed what, when. Append-only.
CREATE TABLE audit_event (
    event_id    INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL,
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    details     TEXT NOT NULL
);
CREATE INDEX audit_event_by_instance ON audit_event (instance_id, event_id);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
