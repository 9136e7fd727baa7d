-- Link keys of received messages (SPEC §6): which messages named the same child, found from
-- keyed pseudonyms alone. No identity is stored.
CREATE TABLE link_key (
    link_key         VARCHAR(64)  NOT NULL,
    message_id       VARCHAR(36)  NOT NULL,
    message_type     VARCHAR(64)  NOT NULL,
    case_token       VARCHAR(64),
    recipient_agency VARCHAR(64)  NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (link_key, message_id)
);
