package org.kopir.gateway.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Flyway migration 2.1: on PostgreSQL, makes the audit tables refuse UPDATE, DELETE and TRUNCATE in
 * the database itself. The only deletion let through is the retention purge, performed by the
 * {@code audit_purge_through(seq)} function: it must end at a checkpoint, and it sets the
 * transaction-local flag {@code kopir.audit_purge} that the trigger checks. On other databases (H2
 * for development) it does nothing; there the hash chain alone reveals tampering.
 *
 * <p>A Java migration because the same migration locations serve H2 and PostgreSQL and this DDL
 * exists only in PostgreSQL's dialect. Spring Boot registers it as a {@code JavaMigration} bean.
 */
public class AuditAppendOnlyMigration implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("2.1");
  }

  @Override
  public String getDescription() {
    return "audit append only";
  }

  @Override
  public Integer getChecksum() {
    return statements("schema").hashCode();
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (!product.contains("postgres")) {
      return;
    }
    String schema = currentSchema(connection);
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(schema)) {
        statement.execute(sql);
      }
    }
  }

  private static String currentSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT current_schema()")) {
      result.next();
      return result.getString(1);
    }
  }

  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static List<String> statements(String schema) {
    return List.of(
        """
        CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_record'
             AND current_setting('kopir.audit_purge', true) = 'on' THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION 'audit tables are append-only: % on % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END
        $$""",
        """
        CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
          FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
        """
        CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
          FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
        """
        CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
          FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
        """
        CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
          FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
        """
        CREATE FUNCTION audit_purge_through(through_seq bigint) RETURNS bigint
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = %s AS $$
        DECLARE
          removed bigint;
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM audit_checkpoint WHERE seq = through_seq) THEN
            RAISE EXCEPTION 'an audit purge must end at a checkpoint (seq %%)', through_seq;
          END IF;
          PERFORM set_config('kopir.audit_purge', 'on', true);
          DELETE FROM audit_record WHERE seq <= through_seq;
          GET DIAGNOSTICS removed = ROW_COUNT;
          PERFORM set_config('kopir.audit_purge', 'off', true);
          RETURN removed;
        END
        $$"""
            .formatted(quoted(schema)),
        // Owners keep their rights in PostgreSQL; run the node as a role that is granted only
        // SELECT and INSERT on these tables and EXECUTE on audit_purge_through (docs/audit.md).
        "REVOKE UPDATE, DELETE, TRUNCATE ON audit_record, audit_checkpoint FROM PUBLIC",
        "REVOKE ALL ON FUNCTION audit_purge_through(bigint) FROM PUBLIC");
  }
}
