package org.kopir.gateway.leadership;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Leadership among the replicas of a node ({@code kopir.leadership.*}). A node with one replica
 * leads at once; with several, the jobs move within about {@link #lease} plus {@link #heartbeat} of
 * the leader's failure.
 */
@ConfigurationProperties("kopir.leadership")
public class LeadershipProperties {

  /**
   * How long the leader's lock row stays valid without being renewed. Another replica takes over
   * this long after the leader stopped renewing it; a leader paused for longer (a stalled JVM, a
   * database outage) may find the jobs run elsewhere meanwhile. Replicas' clocks must agree to well
   * within it (NTP).
   */
  private Duration lease = Duration.ofSeconds(10);

  /** How often the leader renews its lock row, and a follower tries to take it. */
  private Duration heartbeat = Duration.ofSeconds(1);

  /** This replica's name in logs and metrics; by default the host name and process id. */
  private String replica = defaultReplicaName();

  private static String defaultReplicaName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  public Duration getLease() {
    return lease;
  }

  public void setLease(Duration lease) {
    this.lease = lease;
  }

  public Duration getHeartbeat() {
    return heartbeat;
  }

  public void setHeartbeat(Duration heartbeat) {
    this.heartbeat = heartbeat;
  }

  public String getReplica() {
    return replica;
  }

  public void setReplica(String replica) {
    this.replica = replica;
  }
}
