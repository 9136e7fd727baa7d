-- Failed console sign-ins (console.signin.SignInFailures), in the database so that every replica
-- of the node counts them together: a lock-out holds on all of them. An account's row is keyed by
-- its name (as the audit trail names it, user:<name>); a name that is no account only by a keyed
-- digest, never by what was typed.
CREATE TABLE console_sign_in_failure (
    name_key      VARCHAR(300)             NOT NULL PRIMARY KEY,
    failures      INTEGER                  NOT NULL,
    last_failure  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until  TIMESTAMP WITH TIME ZONE
);
