-- Reliable delivery: dead letters, overdue watch. Identifiers, digests, codes and the signed
-- (pseudonymized) border form only: never a message in clear.

-- The response timeframe a referral.request asks for (payload.responseTimeframe, an operational
-- code), and when the overdue watch warned about the message, so it warns once.
ALTER TABLE outbound_message ADD COLUMN response_timeframe VARCHAR(16);
ALTER TABLE outbound_message ADD COLUMN delivery_overdue_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbound_message ADD COLUMN response_overdue_at TIMESTAMP WITH TIME ZONE;

-- Which of our messages a received message answers (header.correlationId).
ALTER TABLE inbound_message ADD COLUMN correlation_id VARCHAR(36);
CREATE INDEX inbound_message_correlation ON inbound_message (correlation_id);

-- Parked outbound messages whose retries are spent: the signed border form exactly as queued,
-- so a replay sends the same bytes under the same messageId.
CREATE TABLE dead_letter (
    message_id       VARCHAR(36)  NOT NULL PRIMARY KEY,
    message_type     VARCHAR(64)  NOT NULL,
    recipient_agency VARCHAR(64)  NOT NULL,
    priority         VARCHAR(16)  NOT NULL,
    envelope_digest  CHAR(64)     NOT NULL,
    signed_message   TEXT         NOT NULL,
    reason           VARCHAR(64)  NOT NULL,
    last_failure     VARCHAR(200),
    attempts         INTEGER      NOT NULL,
    dead_lettered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
