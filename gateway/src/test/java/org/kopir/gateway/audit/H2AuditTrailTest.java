package org.kopir.gateway.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** The audit trail on an H2 file database, as a node runs by default. */
class H2AuditTrailTest extends AbstractAuditTrailDatabaseTest {

  @Override
  protected DataSource openDataSource() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + files.resolve("db").resolve("kopir").toAbsolutePath());
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(8);
    return new HikariDataSource(config);
  }

  @Override
  protected void closeDataSource(DataSource dataSource) {
    ((HikariDataSource) dataSource).close();
  }

  @Override
  protected FluentConfiguration flyway() {
    return Flyway.configure();
  }

  @Override
  protected void tamper(Connection connection, String sql, Object... parameters)
      throws SQLException {
    execute(connection, sql, parameters);
  }
}
