-- RETRIEVED receipts the partner did not take: failed attempts counted per receipt, and the
-- signed receipt parked once the broker gave up, so an operator can replay the same bytes.
-- Identifiers, codes and the signed receipt only (it holds ids, a digest and a time).

CREATE TABLE dead_letter_receipt (
    message_id       VARCHAR(36)  NOT NULL PRIMARY KEY,
    receipt_id       VARCHAR(36),
    outcome          VARCHAR(16),
    signed_receipt   TEXT,
    reason           VARCHAR(64),
    last_failure     VARCHAR(200),
    attempts         INTEGER      NOT NULL,
    last_failed_at   TIMESTAMP WITH TIME ZONE,
    dead_lettered_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX dead_letter_receipt_parked ON dead_letter_receipt (dead_lettered_at);
