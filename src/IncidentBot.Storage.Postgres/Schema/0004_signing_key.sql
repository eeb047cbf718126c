-- 0004: which key signs this database's checkpoints. The first node to start registers the public half of its key;
-- every node compares its own key with it at start-up and refuses to start on another one, so nodes that share the
-- database can never sign its one checkpoint chain with two keys. The row never changes: replacing the key would
-- leave every earlier signature unverifiable.
CREATE TABLE signing_key (
    id             integer NOT NULL PRIMARY KEY CHECK (id = 1),
    key_id         text    COLLATE "C" NOT NULL,
    public_key     text    NOT NULL,
    registered_utc text    COLLATE "C" NOT NULL
);

CREATE TRIGGER signing_key_append_only BEFORE UPDATE OR DELETE ON signing_key
    FOR EACH ROW EXECUTE FUNCTION incidentbot_refuse_change();
CREATE TRIGGER signing_key_append_only_truncate BEFORE TRUNCATE ON signing_key
    FOR EACH STATEMENT EXECUTE FUNCTION incidentbot_refuse_change();
ALTER TABLE signing_key ENABLE ALWAYS TRIGGER signing_key_append_only;
ALTER TABLE signing_key ENABLE ALWAYS TRIGGER signing_key_append_only_truncate;
