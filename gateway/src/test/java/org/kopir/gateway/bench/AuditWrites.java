package org.kopir.gateway.bench;

import org.kopir.gateway.testsupport.Http;

/**
 * A node's audit writer so far: its commits and the steps' appends they carried, read from the
 * node's meters ({@code kopir_audit_commits_total}, {@code kopir_audit_appends_total}). A node
 * whose trail is never built (the transport-only pipeline) has neither.
 */
record AuditWrites(long commits, long appends) {

  static final AuditWrites NONE = new AuditWrites(0, 0);

  /** Reads the meters as an operator sees them at {@code /actuator/prometheus}. */
  static AuditWrites read(Http operator, String nodeUrl) {
    Http.Answer answer = operator.get(nodeUrl + "/actuator/prometheus");
    if (answer.status() != 200) {
      throw new IllegalStateException("metrics answered " + answer.status());
    }
    return parse(answer.body());
  }

  /** The two counters in a Prometheus text exposition, 0 for one that is absent. */
  static AuditWrites parse(String exposition) {
    return new AuditWrites(
        counter(exposition, "kopir_audit_commits_total"),
        counter(exposition, "kopir_audit_appends_total"));
  }

  private static long counter(String exposition, String name) {
    double sum = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Math.round(sum);
  }

  AuditWrites minus(AuditWrites before) {
    return new AuditWrites(commits - before.commits, appends - before.appends);
  }

  double appendsPerCommit() {
    return commits == 0 ? 0 : (double) appends / commits;
  }
}
