-- Replicas of one node sharing this database (docs/operations.md, "High availability").

-- The chain head: the last record of the audit chain. Every append batch locks this one row
-- (SELECT ... FOR UPDATE), chains its records onto it, inserts them and moves it, all in one
-- transaction; so appends from every replica form one gap-free chain.
CREATE TABLE audit_chain_head (
    id           SMALLINT                 NOT NULL PRIMARY KEY CHECK (id = 1),
    seq          BIGINT                   NOT NULL,
    hash         VARCHAR(64)              NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO audit_chain_head (id, seq, hash, recorded_at)
    SELECT 1, seq, hash, recorded_at FROM audit_record
    WHERE seq = (SELECT MAX(seq) FROM audit_record);

INSERT INTO audit_chain_head (id, seq, hash, recorded_at)
    SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
           TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'
    WHERE NOT EXISTS (SELECT 1 FROM audit_chain_head);

-- Leadership: the replica holding the row of region 'kopir', key 'jobs' runs the periodic jobs
-- (checkpoints, overdue watch, retention). Spring Integration's JdbcLockRegistry owns the rows;
-- the columns are its INT_LOCK table's, under the prefix KOPIR_.
CREATE TABLE kopir_lock (
    lock_key      CHAR(36)     NOT NULL,
    region        VARCHAR(100) NOT NULL,
    client_id     CHAR(36),
    created_date  TIMESTAMP    NOT NULL,
    CONSTRAINT kopir_lock_pk PRIMARY KEY (lock_key, region)
);
