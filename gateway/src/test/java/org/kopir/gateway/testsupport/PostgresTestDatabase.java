package org.kopir.gateway.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away schema in the local PostgreSQL (default {@code 127.0.0.1:5432}, database {@code
 * postgres}, user {@code postgres}, no password; override with system properties {@code
 * kopir.test.postgres.url}, {@code .user}, {@code .password}). When PostgreSQL cannot be reached
 * the calling test is skipped, unless {@code kopir.test.postgres.required=true} (system property)
 * or {@code KOPIR_TEST_POSTGRES_REQUIRED=true} (environment), as in CI: then it fails.
 */
public final class PostgresTestDatabase implements AutoCloseable {

  private static final String URL =
      System.getProperty("kopir.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = System.getProperty("kopir.test.postgres.user", "postgres");
  private static final String PASSWORD = System.getProperty("kopir.test.postgres.password", "");

  private final String schema;
  private final HikariDataSource dataSource;

  private PostgresTestDatabase(String schema, HikariDataSource dataSource) {
    this.schema = schema;
    this.dataSource = dataSource;
  }

  /** Whether a missing PostgreSQL must fail the build rather than skip the test. */
  public static boolean required() {
    return Boolean.parseBoolean(System.getProperty("kopir.test.postgres.required"))
        || Boolean.parseBoolean(System.getenv("KOPIR_TEST_POSTGRES_REQUIRED"));
  }

  /**
   * Creates schema {@code <prefix>_<random>}, or skips (fails when required) without PostgreSQL.
   */
  public static PostgresTestDatabase create(String prefix) {
    String schema = uniqueName(prefix);
    createOrSkip("CREATE SCHEMA " + schema);
    return new PostgresTestDatabase(schema, pool(schema));
  }

  /**
   * Creates schema {@code <prefix>_<random>} and migrates it as a node's start-up does (Flyway with
   * the node's migrations), or skips (fails when required) without PostgreSQL.
   */
  public static PostgresTestDatabase migrated(String prefix) {
    PostgresTestDatabase database = create(prefix);
    NodeSchema.migrate(Flyway.configure().schemas(database.schema()), database.dataSource());
    return database;
  }

  private static HikariDataSource pool(String schema) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    config.setUsername(USER);
    config.setPassword(PASSWORD);
    config.setMaximumPoolSize(8);
    config.setPoolName("pg-" + schema);
    return new HikariDataSource(config);
  }

  public String schema() {
    return schema;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** A second pool on the same schema, e.g. to simulate a node restart. */
  public HikariDataSource newDataSource() {
    return pool(schema);
  }

  @Override
  public void close() {
    dataSource.close();
    try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("test schema " + schema + " could not be dropped", e);
    }
  }

  /**
   * A whole throw-away database {@code <prefix>_<random>} for a node process, as a ministry's
   * database server would hold one per node; skips (fails when required) without PostgreSQL.
   *
   * @return its JDBC URL
   */
  public static String createDatabase(String prefix) {
    String name = uniqueName(prefix);
    createOrSkip("CREATE DATABASE " + name);
    return URL.substring(0, URL.lastIndexOf('/') + 1) + name;
  }

  /** Drops a database made by {@link #createDatabase}, closing what still uses it. */
  public static void dropDatabase(String jdbcUrl) {
    String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("test database " + name + " could not be dropped", e);
    }
  }

  /** Names of the server's databases that begin with {@code prefix}. */
  public static List<String> databasesStartingWith(String prefix) {
    try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
        PreparedStatement query =
            admin.prepareStatement(
                "SELECT datname FROM pg_database WHERE starts_with(datname, ?)")) {
      query.setString(1, prefix);
      List<String> names = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      return names;
    } catch (SQLException e) {
      throw new IllegalStateException("databases could not be listed at " + URL, e);
    }
  }

  /**
   * Points a node process at a database made by {@link #createDatabase}, as the user tests connect
   * as (the password, if any, in the environment, off the command line).
   */
  public static NodeProcess useDatabase(NodeProcess node, String jdbcUrl) {
    node.set("spring.datasource.url", jdbcUrl).set("spring.datasource.username", USER);
    if (!PASSWORD.isEmpty()) {
      node.env("SPRING_DATASOURCE_PASSWORD", PASSWORD);
    }
    return node;
  }

  private static String uniqueName(String prefix) {
    return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
        .toLowerCase(Locale.ROOT);
  }

  /** Runs a CREATE statement as the admin user; skips (fails when required) without PostgreSQL. */
  private static void createOrSkip(String sql) {
    DriverManager.setLoginTimeout(5);
    try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      if (required()) {
        throw new IllegalStateException(
            "PostgreSQL is required (kopir.test.postgres.required) but unreachable at " + URL, e);
      }
      Assumptions.abort("PostgreSQL not reachable at " + URL + ": " + e.getMessage());
    }
  }
}
