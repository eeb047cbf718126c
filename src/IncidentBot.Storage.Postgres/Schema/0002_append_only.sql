-- 0002: the database itself refuses to change evidence, whoever asks, the tables' owner included.
-- Row triggers catch UPDATE and DELETE, a statement trigger catches TRUNCATE. ENABLE ALWAYS keeps them firing under
-- session_replication_role = replica. (A table owner can still ALTER TABLE ... DISABLE TRIGGER: that is why the bot
-- connects as a separate role that owns nothing; see PostgresRoles.)
CREATE FUNCTION incidentbot_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% are append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001', HINT = 'Evidence is never changed; append a new event instead.';
END;
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION incidentbot_refuse_change();
CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION incidentbot_refuse_change();
ALTER TABLE events ENABLE ALWAYS TRIGGER events_append_only;
ALTER TABLE events ENABLE ALWAYS TRIGGER events_append_only_truncate;

CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION incidentbot_refuse_change();
CREATE TRIGGER checkpoints_append_only_truncate BEFORE TRUNCATE ON checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION incidentbot_refuse_change();
ALTER TABLE checkpoints ENABLE ALWAYS TRIGGER checkpoints_append_only;
ALTER TABLE checkpoints ENABLE ALWAYS TRIGGER checkpoints_append_only_truncate;

-- Pinned runbook texts never change once stored (the verifier re-hashes them anyway).
CREATE TRIGGER runbook_versions_append_only BEFORE UPDATE OR DELETE ON runbook_versions
    FOR EACH ROW EXECUTE FUNCTION incidentbot_refuse_change();
CREATE TRIGGER runbook_versions_append_only_truncate BEFORE TRUNCATE ON runbook_versions
    FOR EACH STATEMENT EXECUTE FUNCTION incidentbot_refuse_change();
ALTER TABLE runbook_versions ENABLE ALWAYS TRIGGER runbook_versions_append_only;
ALTER TABLE runbook_versions ENABLE ALWAYS TRIGGER runbook_versions_append_only_truncate;
