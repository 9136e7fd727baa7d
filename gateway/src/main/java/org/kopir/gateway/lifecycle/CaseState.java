package org.kopir.gateway.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * What this node records about one case (SPEC §13): its consent, its closure and when it is to be,
 * or was, erased. Pseudonyms, codes and dates only.
 *
 * @param caseKey the first case token this node saw for the case
 * @param consent null while no consent update was recorded
 * @param scope the consent's scope when {@link ConsentState#NARROWED}, otherwise empty
 */
public record CaseState(
    String caseKey,
    ConsentState consent,
    Set<String> scope,
    String consentMessageId,
    LocalDate closedOn,
    String closureMessageId,
    Instant eraseAfter,
    String erasureReason,
    Instant erasedAt) {

  public CaseState {
    scope = scope == null ? Set.of() : Set.copyOf(scope);
  }

  public boolean closed() {
    return closedOn != null;
  }

  public boolean erased() {
    return erasedAt != null;
  }
}
