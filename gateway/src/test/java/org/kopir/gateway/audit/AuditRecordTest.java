package org.kopir.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.crypto.Canonicalizer;

class AuditRecordTest {

  private final AuditRecord record =
      AuditRecord.chain(
          1,
          Instant.parse("2026-11-22T10:15:00.123456Z"),
          "kz",
          AuditEntry.of(AuditEvent.MESSAGE_RECEIVED)
              .actor("agency:kz-cpc")
              .detail("code", "X")
              .build(),
          AuditRecord.GENESIS_HASH);

  @Test
  void jsonHasEveryMemberWithNullsWrittenAndMillisecondTime() {
    var json = record.toJson();

    assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(AuditRecord.MEMBERS);
    assertThat(json.get("messageId").isNull()).isTrue();
    assertThat(json.get("time").asText()).isEqualTo("2026-11-22T10:15:00.123Z");
    assertThat(json.get("outcome").asText()).isEqualTo("ok");
  }

  @Test
  void hashIsSha256OfCanonicalRecordWithoutHashMember() {
    String canonical =
        "{\"actor\":\"agency:kz-cpc\",\"caseToken\":null,\"detail\":{\"code\":\"X\"},"
            + "\"event\":\"message.received\",\"messageId\":null,\"messageType\":null,"
            + "\"node\":\"kz\",\"outcome\":\"ok\",\"prevHash\":\""
            + "0".repeat(64)
            + "\",\"seq\":1,\"time\":\"2026-11-22T10:15:00.123Z\"}";

    assertThat(record.hash())
        .isEqualTo(Canonicalizer.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));
    assertThat(AuditRecord.hashOf(record.toJson())).isEqualTo(record.hash());
  }

  @Test
  void changingAnyMemberChangesTheHash() {
    var json = record.toJson();
    json.put("actor", "agency:kg-cpd");

    assertThat(AuditRecord.hashOf(json)).isNotEqualTo(record.hash());
  }
}
