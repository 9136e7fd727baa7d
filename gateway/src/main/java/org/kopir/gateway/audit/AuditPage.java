package org.kopir.gateway.audit;

import java.util.List;

/** One page of search results in {@code seq} order. */
public record AuditPage(int page, int size, long totalElements, List<AuditRecord> records) {
  public AuditPage {
    records = List.copyOf(records);
  }
}
