package org.kopir.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.testsupport.PostgresTestDatabase;

/** The audit trail on PostgreSQL, which in addition refuses changes in the database itself. */
class PostgresAuditTrailTest extends AbstractAuditTrailDatabaseTest {

  private PostgresTestDatabase database;

  @Override
  protected DataSource openDataSource() {
    if (database == null) {
      database = PostgresTestDatabase.create("audit_test");
    }
    return database.newDataSource();
  }

  @Override
  protected void closeDataSource(DataSource dataSource) {
    ((HikariDataSource) dataSource).close();
  }

  @Override
  protected void dropDatabase() {
    database.close();
  }

  @Override
  protected FluentConfiguration flyway() {
    return Flyway.configure().schemas(database.schema());
  }

  /** A superuser can switch triggers off for its session: the chain still tells. */
  @Override
  protected void tamper(Connection connection, String sql, Object... parameters)
      throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LOCAL session_replication_role = replica");
    }
    execute(connection, sql, parameters);
    connection.commit();
    connection.setAutoCommit(true);
  }

  @Test
  void databaseRefusesUpdateDeleteAndTruncateOfRecords() throws Exception {
    append(3);
    try (Connection connection = dataSource.getConnection()) {
      assertThatThrownBy(
              () -> execute(connection, "UPDATE audit_record SET actor = 'x' WHERE seq = 2"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute(connection, "DELETE FROM audit_record WHERE seq = 3"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute(connection, "TRUNCATE audit_record"))
          .hasMessageContaining("append-only");
    }
    assertThat(count("SELECT COUNT(*) FROM audit_record")).isEqualTo(3);
  }

  @Test
  void databaseRefusesChangesToCheckpoints() throws Exception {
    append(2);
    checkpointer.checkpointIfNeeded();
    try (Connection connection = dataSource.getConnection()) {
      assertThatThrownBy(
              () -> execute(connection, "UPDATE audit_checkpoint SET hash = 'x' WHERE seq = 2"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute(connection, "DELETE FROM audit_checkpoint"))
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void purgeFunctionRefusesToEndBetweenCheckpoints() throws Exception {
    append(4);
    checkpointer.checkpointIfNeeded();
    try (Connection connection = dataSource.getConnection()) {
      assertThatThrownBy(() -> execute(connection, "SELECT audit_purge_through(2)"))
          .hasMessageContaining("must end at a checkpoint");
    }
    assertThat(count("SELECT COUNT(*) FROM audit_record")).isEqualTo(4);
  }
}
