package org.kopir.gateway.leadership;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;

/**
 * Whether this replica leads the node's periodic jobs: the candidate that Spring Integration's
 * {@code LockRegistryLeaderInitiator} grants and revokes as it takes and loses the lock row.
 */
public class Leadership implements Candidate {

  /** The one role: the lock row's key. */
  static final String ROLE = "jobs";

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  private final String id = UUID.randomUUID().toString();
  private final String replica;
  private final List<Runnable> onGranted = new CopyOnWriteArrayList<>();
  private volatile boolean leader;

  public Leadership(String replica) {
    this.replica = replica;
  }

  /** Whether this replica runs the jobs now. */
  public boolean isLeader() {
    return leader;
  }

  public String replica() {
    return replica;
  }

  /** Runs {@code action} (on the granting thread, so briefly) each time this replica is granted. */
  public void whenGranted(Runnable action) {
    onGranted.add(action);
  }

  @Override
  public String getRole() {
    return ROLE;
  }

  /**
   * Unique per process, so a restarted replica never mistakes its predecessor's row for its own.
   */
  @Override
  public String getId() {
    return id;
  }

  @Override
  public void onGranted(Context context) {
    leader = true;
    LOG.info("Replica {} now runs the node's periodic jobs", replica);
    for (Runnable action : onGranted) {
      action.run();
    }
  }

  @Override
  public void onRevoked(Context context) {
    leader = false;
    LOG.info("Replica {} no longer runs the node's periodic jobs", replica);
  }
}
