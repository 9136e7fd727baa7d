package org.kopir.gateway.testsupport;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.kopir.gateway.audit.AuditAppendOnlyMigration;

/**
 * The node's tables in a database of a test's or a benchmark's own, migrated as a node's start-up
 * migrates them: Flyway with the node's SQL migrations ({@code db/migration}) and the audit trail's
 * append-only guard ({@link AuditAppendOnlyMigration}).
 */
public final class NodeSchema {

  private NodeSchema() {}

  /** Migrates {@code dataSource}'s default schema. */
  public static void migrate(DataSource dataSource) {
    migrate(Flyway.configure(), dataSource);
  }

  /** Migrates {@code dataSource} with {@code flyway}'s own settings too (a schema, say). */
  public static void migrate(FluentConfiguration flyway, DataSource dataSource) {
    flyway
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .javaMigrations(new AuditAppendOnlyMigration())
        .load()
        .migrate();
  }
}
