package org.kopir.gateway.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.testsupport.PostgresTestDatabase;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;

/**
 * Two replicas of one node on one PostgreSQL database: exactly one runs the periodic jobs; when it
 * stops it hands over at once, and when its database connections die (as when its process is
 * killed) the other takes over once the lease ran out.
 */
class LeadershipPostgresTest {

  private static final Duration LEASE = Duration.ofSeconds(2);

  private PostgresTestDatabase database;
  private final List<Replica> replicas = new ArrayList<>();

  @BeforeEach
  void migrate() {
    database = PostgresTestDatabase.migrated("leadership_test");
  }

  @AfterEach
  void stop() {
    replicas.forEach(Replica::stop);
    if (database != null) {
      database.close();
    }
  }

  @Test
  void exactlyOneReplicaRunsTheJobsAndAStoppedLeaderHandsOverAtOnce() {
    Replica first = start("kz-1");
    Replica second = start("kz-2");

    await().atMost(Duration.ofSeconds(10)).until(() -> leaders() == 1);
    Replica leader = first.leadership.isLeader() ? first : second;
    Replica follower = leader == first ? second : first;
    await().atMost(Duration.ofSeconds(10)).until(() -> leader.passes.get() >= 3);
    assertThat(follower.passes).hasValue(0);

    Instant stopped = Instant.now();
    leader.stop();

    await().atMost(LEASE).until(follower.leadership::isLeader);
    System.out.printf(
        "leadership: handed over %d ms after the leader stopped%n",
        Duration.between(stopped, Instant.now()).toMillis());
    int before = follower.passes.get();
    await().atMost(Duration.ofSeconds(10)).until(() -> follower.passes.get() > before);
    assertThat(leader.leadership.isLeader()).isFalse();
  }

  @Test
  void aLeaderWhoseDatabaseConnectionsDieLosesTheJobsToTheOtherAfterTheLease() {
    Replica first = start("kz-1");
    await().atMost(Duration.ofSeconds(10)).until(first.leadership::isLeader);
    Replica second = start("kz-2");
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> leaders() == 1);
    assertThat(second.leadership.isLeader()).isFalse();

    Instant died = Instant.now();
    first.dataSource.close();

    await().atMost(LEASE.multipliedBy(4)).until(second.leadership::isLeader);
    long tookMillis = Duration.between(died, Instant.now()).toMillis();
    System.out.printf(
        "leadership: taken over %d ms after the leader's database died%n", tookMillis);
    assertThat(tookMillis).as("not before the lease ran out").isGreaterThanOrEqualTo(1000);
    await().atMost(Duration.ofSeconds(5)).until(() -> !first.leadership.isLeader());
    int before = second.passes.get();
    await().atMost(Duration.ofSeconds(10)).until(() -> second.passes.get() > before);
  }

  private long leaders() {
    return replicas.stream().filter(replica -> replica.leadership.isLeader()).count();
  }

  private Replica start(String name) {
    Replica replica = new Replica(name, database.newDataSource());
    replicas.add(replica);
    return replica;
  }

  /** One replica's leadership, wired as LeadershipConfiguration wires it, and one job. */
  private static final class Replica {
    final HikariDataSource dataSource;
    final Leadership leadership;
    final LockRegistryLeaderInitiator initiator;
    final AtomicInteger passes = new AtomicInteger();
    final LeaderJob job;

    Replica(String name, HikariDataSource dataSource) {
      this.dataSource = dataSource;
      LeadershipProperties properties = new LeadershipProperties();
      properties.setLease(LEASE);
      properties.setHeartbeat(Duration.ofMillis(200));
      properties.setReplica(name);
      LeadershipConfiguration configuration = new LeadershipConfiguration();
      leadership = configuration.leadership(properties, new SimpleMeterRegistry());
      DefaultLockRepository repository =
          configuration.leaderLockRepository(dataSource, leadership, properties);
      repository.afterPropertiesSet();
      repository.afterSingletonsInstantiated();
      JdbcLockRegistry locks = configuration.leaderLocks(repository);
      initiator = configuration.leaderInitiator(locks, leadership, properties);
      job =
          new LeaderJob(name + "-job", Duration.ofMillis(100), leadership) {
            @Override
            protected void pass() {
              passes.incrementAndGet();
            }
          };
      initiator.start();
      job.start();
    }

    void stop() {
      job.stop();
      initiator.stop();
      if (!dataSource.isClosed()) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !leadership.isLeader());
        dataSource.close();
      }
    }
  }
}
