-- Audit trail (SPEC §7): append-only, hash-chained records and signed checkpoints.
-- Portable SQL (H2 and PostgreSQL). The PostgreSQL guard against UPDATE and DELETE is installed
-- by the Java migration 2.1 (org.kopir.gateway.audit.AuditAppendOnlyMigration), which does
-- nothing on other databases.

CREATE TABLE audit_record (
    seq          BIGINT                   NOT NULL PRIMARY KEY,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    node         VARCHAR(32)              NOT NULL,
    event        VARCHAR(64)              NOT NULL,
    message_id   VARCHAR(64),
    message_type VARCHAR(64),
    case_token   VARCHAR(128),
    actor        VARCHAR(256),
    outcome      VARCHAR(16),
    -- RFC 8785 canonical JSON text of the detail object, exactly as hashed.
    detail       VARCHAR                  NOT NULL,
    prev_hash    VARCHAR(64)              NOT NULL,
    hash         VARCHAR(64)              NOT NULL
);

CREATE INDEX audit_record_message_id ON audit_record (message_id);
CREATE INDEX audit_record_case_token ON audit_record (case_token);
CREATE INDEX audit_record_event ON audit_record (event);
CREATE INDEX audit_record_recorded_at ON audit_record (recorded_at);
CREATE INDEX audit_record_actor ON audit_record (actor);

CREATE TABLE audit_checkpoint (
    seq          BIGINT                   NOT NULL PRIMARY KEY,
    node         VARCHAR(32)              NOT NULL,
    hash         VARCHAR(64)              NOT NULL,
    signed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Canonical JSON of {"hash","node","seq","time"}: the exact bytes that were signed.
    body         VARCHAR                  NOT NULL,
    -- Base64 of the DER CMS SignedData (detached) over body.
    signature    VARCHAR                  NOT NULL
);

CREATE INDEX audit_checkpoint_signed_at ON audit_checkpoint (signed_at);
