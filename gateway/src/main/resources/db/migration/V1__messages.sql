-- Message ledgers. They hold identifiers, digests, pseudonyms and statuses only: never a payload.

-- Sending side: one row per message accepted from a local agency (SPEC §5 outbound status).
CREATE TABLE outbound_message (
    message_id       VARCHAR(36)  NOT NULL PRIMARY KEY,
    content_digest   CHAR(64)     NOT NULL,
    envelope_digest  CHAR(64)     NOT NULL,
    message_type     VARCHAR(64)  NOT NULL,
    sender_agency    VARCHAR(64)  NOT NULL,
    recipient_agency VARCHAR(64)  NOT NULL,
    case_token       VARCHAR(64),
    priority         VARCHAR(16)  NOT NULL,
    status           VARCHAR(24)  NOT NULL,
    status_reason    VARCHAR(64),
    attempts         INTEGER      NOT NULL DEFAULT 0,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX outbound_message_status ON outbound_message (status);

-- Receiving side: one row per message accepted at the border; the unique key makes the
-- receiver idempotent, the stored receipt answers repeats.
CREATE TABLE inbound_message (
    message_id       VARCHAR(36)  NOT NULL PRIMARY KEY,
    envelope_digest  CHAR(64)     NOT NULL,
    message_type     VARCHAR(64)  NOT NULL,
    sender_agency    VARCHAR(64)  NOT NULL,
    recipient_agency VARCHAR(64)  NOT NULL,
    case_token       VARCHAR(64),
    status           VARCHAR(24)  NOT NULL,
    receipt          VARCHAR(8000) NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retrieved_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX inbound_message_recipient ON inbound_message (recipient_agency, status);
