package org.kopir.gateway.leadership;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Wires leadership over the node's database: a {@link JdbcLockRegistry} on table {@code kopir_lock}
 * (migration 8) and the leader initiator that keeps this replica's {@link Leadership} granted while
 * it holds the lock row. A node with one replica is its own leader.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeadershipProperties.class)
public class LeadershipConfiguration {

  /** The initiator starts before and stops after every {@link LeaderJob}. */
  static final int PHASE = Integer.MIN_VALUE + 500;

  @Bean
  Leadership leadership(LeadershipProperties properties, MeterRegistry registry) {
    Leadership leadership = new Leadership(properties.getReplica());
    Gauge.builder("kopir.leadership.leader", () -> leadership.isLeader() ? 1 : 0)
        .description("1 while this replica runs the node's periodic jobs, else 0")
        .register(registry);
    return leadership;
  }

  @Bean
  DefaultLockRepository leaderLockRepository(
      DataSource dataSource, Leadership leadership, LeadershipProperties properties) {
    DefaultLockRepository repository = new DefaultLockRepository(dataSource, leadership.getId());
    repository.setPrefix("KOPIR_");
    repository.setRegion("kopir");
    repository.setTimeToLive(Math.toIntExact(properties.getLease().toMillis()));
    repository.setTransactionManager(new DataSourceTransactionManager(dataSource));
    return repository;
  }

  @Bean
  JdbcLockRegistry leaderLocks(DefaultLockRepository leaderLockRepository) {
    return new JdbcLockRegistry(leaderLockRepository);
  }

  @Bean
  LockRegistryLeaderInitiator leaderInitiator(
      JdbcLockRegistry leaderLocks, Leadership leadership, LeadershipProperties properties) {
    LockRegistryLeaderInitiator initiator =
        new LockRegistryLeaderInitiator(leaderLocks, leadership);
    initiator.setHeartBeatMillis(properties.getHeartbeat().toMillis());
    initiator.setBusyWaitMillis(Math.min(properties.getHeartbeat().toMillis(), 500));
    initiator.setPhase(PHASE);
    initiator.setAutoStartup(true);
    return initiator;
  }
}
