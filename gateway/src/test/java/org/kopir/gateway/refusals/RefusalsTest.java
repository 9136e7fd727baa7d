package org.kopir.gateway.refusals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.Submission;
import org.kopir.gateway.observability.MessageMetrics;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.validation.EnvelopeHeader;

/** A refusal is on record with the submission's own message.received, in one write. */
class RefusalsTest {

  private final List<List<String>> writes = new ArrayList<>();
  private final AuditTrail trail =
      new AuditTrail() {
        @Override
        public void record(AuditEntry entry) {
          recordAll(List.of(entry));
        }

        @Override
        public void recordAll(List<AuditEntry> entries) {
          if (!entries.isEmpty()) {
            writes.add(entries.stream().map(entry -> entry.event().wireName()).toList());
          }
        }
      };
  private final Refusals refusals =
      new Refusals(new MessageMetrics(new SimpleMeterRegistry()), trail);

  @Test
  void aRefusedSubmissionIsRecordedReceivedThenRejectedInOneWrite() {
    Submission submission = received();

    KopirException refusal =
        refusals.record(
            new KopirException(ErrorCode.DUPLICATE_ID, "other content"),
            submission,
            "kz-cpc",
            "rest-intake");

    assertThat(refusal.code()).isEqualTo(ErrorCode.DUPLICATE_ID);
    assertThat(writes).containsExactly(List.of("message.received", "message.rejected"));
    assertThat(submission.takeReceived()).isEmpty();
  }

  @Test
  void aSubmissionAlreadyOnRecordIsRecordedRejectedOnly() {
    Submission submission = received();
    trail.recordAll(submission.takeReceived());

    refusals.record(new IllegalStateException("broker gone"), submission, "kz-cpc", "rest-intake");

    assertThat(writes).containsExactly(List.of("message.received"), List.of("message.rejected"));
  }

  @Test
  void aFailureThatRollsBackWritesTheReceivedRecordOnce() {
    Submission submission = received();

    refusals.recordReceived(submission);
    refusals.recordReceived(submission);
    refusals.recordReceived(null);

    assertThat(writes).containsExactly(List.of("message.received"));
  }

  private static Submission received() {
    ObjectNode envelope = Envelopes.referral();
    Submission submission =
        new Submission(EnvelopeHeader.read(envelope), envelope, "digest", "agency:kz-cpc");
    submission.received(
        AuditEntry.of(AuditEvent.MESSAGE_RECEIVED)
            .messageId(submission.messageId())
            .actor(submission.actor())
            .build());
    return submission;
  }
}
