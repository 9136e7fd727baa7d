package org.kopir.gateway.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The recorded consent, closure and erasure of a case, as the message status shows them (SPEC
 * §13.5). Implemented by the case lifecycle, which depends on intake and not the other way round.
 */
public interface CaseSummaries {

  /** The case state of {@code caseToken}, as {@code GET /api/v1/cases/{caseToken}} answers it. */
  Optional<ObjectNode> summary(String caseToken);
}
