package org.kopir.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.SavepointManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * JDBC access to the audit tables. Records are only ever inserted here; the one deletion is the
 * retention purge, which ends at a checkpoint (on PostgreSQL through {@code audit_purge_through},
 * the only path the table's trigger lets through).
 */
public class AuditStore {

  private static final String RECORD_COLUMNS =
      "seq, recorded_at, node, event, message_id, message_type, case_token, actor, outcome,"
          + " detail, prev_hash, hash";
  private static final String CHECKPOINT_COLUMNS = "seq, node, hash, signed_at, body, signature";
  private static final String READ_HEAD =
      "SELECT seq, hash, recorded_at FROM audit_chain_head WHERE id = 1";
  private static final int FETCH_SIZE = 500;

  private final DataSource dataSource;
  private final TransactionTemplate transactions;
  private final boolean postgres;

  public AuditStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.postgres = isPostgres(dataSource);
  }

  private static boolean isPostgres(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return connection
          .getMetaData()
          .getDatabaseProductName()
          .toLowerCase(Locale.ROOT)
          .contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException("audit database is not reachable", e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Appends one batch: locks the chain head, lets {@code chain} build the records onto it, inserts
   * them and moves the head to the last of them, in one transaction. The lock makes appends from
   * every replica sharing the database wait for each other, so they form one gap-free chain.
   *
   * <p>The transaction is a Spring transaction on this store's {@link DataSource}: what {@code
   * chain} writes through that DataSource with Spring's JDBC support (a {@code JdbcTemplate}, a
   * {@code TransactionTemplate}) joins it and commits with the records. {@code chain} gets the
   * transaction as a {@link SavepointManager}, so that it can undo one step's writes alone.
   *
   * @return the records as committed, empty when {@code chain} built none
   */
  public List<AuditRecord> append(
      BiFunction<ChainHead, SavepointManager, List<AuditRecord>> chain) {
    try {
      return transactions.execute(
          transaction -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
              List<AuditRecord> records = chain.apply(lockHead(connection), transaction);
              if (!records.isEmpty()) {
                insert(connection, records);
                moveHead(connection, records.get(records.size() - 1));
              }
              return records;
            } catch (SQLException e) {
              throw new AuditWriteException("audit batch could not be committed", e);
            } finally {
              DataSourceUtils.releaseConnection(connection, dataSource);
            }
          });
    } catch (TransactionException | DataAccessException e) {
      throw new AuditWriteException("audit batch could not be committed", e);
    }
  }

  /** The chain head as last committed. */
  public ChainHead chainHead() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(READ_HEAD);
        ResultSet row = select.executeQuery()) {
      return headOf(row);
    } catch (SQLException e) {
      throw new IllegalStateException("audit chain head cannot be read", e);
    }
  }

  /**
   * Locks the chain head's row until the transaction ends and reads it. PostgreSQL locks it with
   * {@code SELECT … FOR UPDATE}. H2 would parse and plan that statement again at every append (it
   * keeps no locking query in its session's statement cache), so on H2 an update of the row to
   * itself takes the same row lock, and the plain read after it, which H2 keeps parsed, sees the
   * head as last committed; on PostgreSQL that update would leave a dead row version per append.
   */
  private ChainHead lockHead(Connection connection) throws SQLException {
    if (!postgres) {
      try (PreparedStatement lock =
          connection.prepareStatement("UPDATE audit_chain_head SET seq = seq WHERE id = 1")) {
        lock.executeUpdate();
      }
    }
    try (PreparedStatement select =
            connection.prepareStatement(postgres ? READ_HEAD + " FOR UPDATE" : READ_HEAD);
        ResultSet row = select.executeQuery()) {
      return headOf(row);
    }
  }

  private static ChainHead headOf(ResultSet row) throws SQLException {
    if (!row.next()) {
      throw new AuditWriteException("audit chain head is missing (migration 8)");
    }
    return new ChainHead(
        row.getLong(1), row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant());
  }

  private static void moveHead(Connection connection, AuditRecord last) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE audit_chain_head SET seq = ?, hash = ?, recorded_at = ? WHERE id = 1")) {
      update.setLong(1, last.seq());
      update.setString(2, last.hash());
      update.setObject(3, OffsetDateTime.ofInstant(last.time(), ZoneOffset.UTC));
      update.executeUpdate();
    }
  }

  /**
   * Inserts {@code records} as they are, in one transaction, without moving the chain head: for
   * records made elsewhere, never for appends.
   */
  void insert(List<AuditRecord> records) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        insert(connection, records);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new AuditWriteException("audit batch could not be committed", e);
    }
  }

  private static void insert(Connection connection, List<AuditRecord> records) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_record ("
                + RECORD_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AuditRecord record : records) {
        insert.setLong(1, record.seq());
        insert.setObject(2, OffsetDateTime.ofInstant(record.time(), ZoneOffset.UTC));
        insert.setString(3, record.node());
        insert.setString(4, record.event());
        insert.setString(5, record.messageId());
        insert.setString(6, record.messageType());
        insert.setString(7, record.caseToken());
        insert.setString(8, record.actor());
        insert.setString(9, record.outcome());
        insert.setString(10, AuditJson.canonicalText(record.detail()));
        insert.setString(11, record.prevHash());
        insert.setString(12, record.hash());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  public Optional<AuditRecord> lastRecord() {
    List<AuditRecord> found =
        queryRecords(
            "SELECT " + RECORD_COLUMNS + " FROM audit_record ORDER BY seq DESC", List.of(), 1, 0);
    return found.stream().findFirst();
  }

  public Optional<AuditRecord> firstRecord() {
    return queryRecords(
            "SELECT " + RECORD_COLUMNS + " FROM audit_record ORDER BY seq", List.of(), 1, 0)
        .stream()
        .findFirst();
  }

  public List<AuditRecord> byMessageId(String messageId) {
    return queryRecords(
        "SELECT " + RECORD_COLUMNS + " FROM audit_record WHERE message_id = ? ORDER BY seq",
        List.of(messageId),
        Integer.MAX_VALUE,
        0);
  }

  /** The records of one event about one case token, oldest first. */
  public List<AuditRecord> byCaseToken(String caseToken, AuditEvent event) {
    return queryRecords(
        "SELECT "
            + RECORD_COLUMNS
            + " FROM audit_record WHERE case_token = ? AND event = ? ORDER BY seq",
        List.of(caseToken, event.wireName()),
        Integer.MAX_VALUE,
        0);
  }

  public AuditPage search(AuditQuery query, int page, int size) {
    List<Object> parameters = new ArrayList<>();
    String where = whereClause(query, parameters);
    long total = count("SELECT COUNT(*) FROM audit_record" + where, parameters);
    List<AuditRecord> records =
        queryRecords(
            "SELECT " + RECORD_COLUMNS + " FROM audit_record" + where + " ORDER BY seq",
            parameters,
            size,
            (long) page * size);
    return new AuditPage(page, size, total, records);
  }

  private static String whereClause(AuditQuery query, List<Object> parameters) {
    List<String> conditions = new ArrayList<>();
    if (query.messageId() != null) {
      conditions.add("message_id = ?");
      parameters.add(query.messageId());
    }
    if (query.caseToken() != null) {
      conditions.add("case_token = ?");
      parameters.add(query.caseToken());
    }
    if (query.event() != null) {
      conditions.add("event = ?");
      parameters.add(query.event());
    }
    if (query.agency() != null) {
      conditions.add(
          "(actor = ? OR message_id IN (SELECT a.message_id FROM audit_record a"
              + " WHERE a.actor = ? AND a.message_id IS NOT NULL))");
      parameters.add("agency:" + query.agency());
      parameters.add("agency:" + query.agency());
    }
    if (query.from() != null) {
      conditions.add("recorded_at >= ?");
      parameters.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
    }
    if (query.to() != null) {
      conditions.add("recorded_at < ?");
      parameters.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** Streams the records with {@code fromSeq <= seq <= toSeq} in seq order. */
  public void forEachRecord(long fromSeq, long toSeq, Consumer<AuditRecord> consumer) {
    try (Connection connection = dataSource.getConnection()) {
      // PostgreSQL streams with a cursor only inside a transaction.
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT "
                  + RECORD_COLUMNS
                  + " FROM audit_record WHERE seq >= ? AND seq <= ? ORDER BY seq")) {
        select.setFetchSize(FETCH_SIZE);
        select.setLong(1, fromSeq);
        select.setLong(2, toSeq);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            consumer.accept(toRecord(rows));
          }
        }
      } finally {
        connection.rollback();
        connection.setReadOnly(false);
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("audit records could not be read", e);
    }
  }

  public void insertCheckpoint(Checkpoint checkpoint) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO audit_checkpoint ("
                    + CHECKPOINT_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, checkpoint.seq());
      insert.setString(2, checkpoint.node());
      insert.setString(3, checkpoint.hash());
      insert.setObject(4, OffsetDateTime.ofInstant(checkpoint.time(), ZoneOffset.UTC));
      insert.setString(5, AuditJson.canonicalText(checkpoint.body()));
      insert.setString(6, checkpoint.signature());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new AuditWriteException("audit checkpoint could not be stored", e);
    }
  }

  /**
   * Checkpoints with {@code fromSeq <= seq <= toSeq} in seq order, rebuilt from the stored signed
   * body so that what is exported is exactly what was signed.
   */
  public List<Checkpoint> checkpoints(long fromSeq, long toSeq) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT body, signature FROM audit_checkpoint WHERE seq >= ? AND seq <= ?"
                    + " ORDER BY seq")) {
      select.setLong(1, fromSeq);
      select.setLong(2, toSeq);
      List<Checkpoint> checkpoints = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          var body = AuditJson.parseObject(rows.getString(1));
          checkpoints.add(
              new Checkpoint(
                  body.path("node").asText(null),
                  body.path("seq").asLong(),
                  body.path("hash").asText(null),
                  AuditJson.parseTime(body.path("time").asText()),
                  rows.getString(2)));
        }
      }
      return checkpoints;
    } catch (SQLException e) {
      throw new IllegalStateException("audit checkpoints could not be read", e);
    }
  }

  public Optional<Checkpoint> lastCheckpoint() {
    List<Checkpoint> all = checkpoints(lastCheckpointSeq(), Long.MAX_VALUE);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  private long lastCheckpointSeq() {
    return count("SELECT COALESCE(MAX(seq), 0) FROM audit_checkpoint", List.of());
  }

  /** The newest checkpoint signed before {@code cutoff}, if any. */
  public Optional<Long> lastCheckpointSeqSignedBefore(Instant cutoff) {
    long seq =
        count(
            "SELECT COALESCE(MAX(seq), 0) FROM audit_checkpoint WHERE signed_at < ?",
            List.of(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)));
    return seq == 0 ? Optional.empty() : Optional.of(seq);
  }

  /**
   * Removes the records with {@code seq <= throughSeq}, which must be a checkpoint's seq, in one
   * transaction. Returns how many records were removed.
   */
  public long purgeThrough(long throughSeq) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long removed =
            postgres ? purgeOnPostgres(connection, throughSeq) : purge(connection, throughSeq);
        connection.commit();
        return removed;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new AuditWriteException("audit purge failed", e);
    }
  }

  private static long purgeOnPostgres(Connection connection, long throughSeq) throws SQLException {
    try (PreparedStatement purge = connection.prepareStatement("SELECT audit_purge_through(?)")) {
      purge.setLong(1, throughSeq);
      try (ResultSet result = purge.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private static long purge(Connection connection, long throughSeq) throws SQLException {
    try (PreparedStatement checkpoint =
        connection.prepareStatement("SELECT COUNT(*) FROM audit_checkpoint WHERE seq = ?")) {
      checkpoint.setLong(1, throughSeq);
      try (ResultSet result = checkpoint.executeQuery()) {
        result.next();
        if (result.getLong(1) != 1) {
          throw new IllegalArgumentException("an audit purge must end at a checkpoint");
        }
      }
    }
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM audit_record WHERE seq <= ?")) {
      delete.setLong(1, throughSeq);
      return delete.executeUpdate();
    }
  }

  private long count(String sql, List<Object> parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      bind(select, parameters);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("audit query failed", e);
    }
  }

  private List<AuditRecord> queryRecords(
      String sql, List<Object> parameters, int limit, long offset) {
    String paged = limit == Integer.MAX_VALUE ? sql : sql + " LIMIT " + limit + " OFFSET " + offset;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(paged)) {
      bind(select, parameters);
      List<AuditRecord> records = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          records.add(toRecord(rows));
        }
      }
      return records;
    } catch (SQLException e) {
      throw new IllegalStateException("audit query failed", e);
    }
  }

  private static void bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }

  private static AuditRecord toRecord(ResultSet rows) throws SQLException {
    return AuditRecord.fromRow(rows);
  }
}
