package org.kopir.gateway.bench;

import java.util.Locale;

/** Where the benchmark's nodes keep their ledgers, inboxes and audit trails. */
enum Store {
  /** The embedded H2 database in each node's data directory: the launchers' default. */
  H2,
  /**
   * A fresh database per node in the PostgreSQL server of {@code testsupport.PostgresTestDatabase}
   * (the local one by default), as the production profile runs a node; the server's CPU is counted
   * beside the nodes' when it runs on this machine.
   */
  POSTGRESQL;

  /** The process name of a PostgreSQL server's processes, whose CPU the benchmark reads. */
  static final String POSTGRESQL_PROCESS = "postgres";

  /** The store of a {@code --store} argument: {@code h2} or {@code postgresql}. */
  static Store named(String name) {
    for (Store store : values()) {
      if (store.label().equals(name)) {
        return store;
      }
    }
    throw new IllegalArgumentException("--store is h2 or postgresql, not " + name);
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
