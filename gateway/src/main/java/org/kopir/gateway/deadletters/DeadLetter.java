package org.kopir.gateway.deadletters;

import java.time.Instant;
import org.kopir.gateway.intake.OutboundStatus;

/**
 * One row of the operators' dead-letter view: a parked message ({@code DEAD_LETTERED}, replayable)
 * or a message the partner refused ({@code REFUSED}, final).
 */
public record DeadLetter(
    String messageId,
    String messageType,
    String recipientAgency,
    OutboundStatus status,
    String reason,
    String lastFailure,
    int attempts,
    Instant deadLetteredAt) {

  public boolean replayable() {
    return status == OutboundStatus.DEAD_LETTERED;
  }
}
