-- Case lifecycle (SPEC §13): consent state, closure and retention, erasure. Pseudonyms, codes,
-- dates and counts only: never a case reference or a payload.

-- One row per case whose consent changed, that was closed or that is to be erased. A case is
-- known by the first case token this node saw for it (case_key); tokens of the other side and
-- tokens under other pseudonym keys join it through case_alias.
CREATE TABLE case_state (
    case_key            VARCHAR(64)  NOT NULL PRIMARY KEY,
    consent             VARCHAR(16),
    consent_scope       VARCHAR(128),
    consent_message_id  VARCHAR(36),
    closed_on           DATE,
    closure_message_id  VARCHAR(36),
    erase_after         TIMESTAMP WITH TIME ZONE,
    erasure_reason      VARCHAR(32),
    erasure_counts      VARCHAR(400),
    erased_at           TIMESTAMP WITH TIME ZONE,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX case_state_erase_after ON case_state (erase_after);

-- A case token that belongs to the case of another token: the partner's token for the same case
-- (joined through header.correlationId) or the same case under another pseudonym key.
CREATE TABLE case_alias (
    case_token VARCHAR(64) NOT NULL PRIMARY KEY,
    case_key   VARCHAR(64) NOT NULL
);
CREATE INDEX case_alias_key ON case_alias (case_key);

CREATE INDEX outbound_message_case ON outbound_message (case_token);
CREATE INDEX inbound_message_case ON inbound_message (case_token);
CREATE INDEX link_key_message ON link_key (message_id);
