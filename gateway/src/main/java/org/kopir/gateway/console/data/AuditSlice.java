package org.kopir.gateway.console.data;

import java.util.List;
import org.kopir.gateway.audit.AuditRecord;

/**
 * One page of an audit search, newest first, cut by seq (keyset): records added meanwhile never
 * shift a page. {@code older}/{@code newer} are the seq to continue from, null at either end.
 */
public record AuditSlice(List<AuditRecord> records, Long older, Long newer) {
  public AuditSlice {
    records = List.copyOf(records);
  }
}
