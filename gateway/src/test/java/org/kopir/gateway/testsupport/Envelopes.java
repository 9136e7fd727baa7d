package org.kopir.gateway.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Envelopes for tests, built from the sample referral in {@code docs/examples/}. */
public final class Envelopes {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path SAMPLE = Path.of("docs/examples/referral.request.json");

  private Envelopes() {}

  /** The sample referral with a new message id, sent now. */
  public static ObjectNode referral() {
    try {
      ObjectNode envelope = (ObjectNode) MAPPER.readTree(Files.readString(SAMPLE));
      ObjectNode header = (ObjectNode) envelope.get("header");
      header.put("messageId", UUID.randomUUID().toString());
      header.put("sentAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      return envelope;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The sample referral from {@code sender} at its node to {@code recipient}, fresh id and time.
   */
  public static ObjectNode referral(
      String senderCountry, String senderAgency, String recipientCountry, String recipientAgency) {
    ObjectNode envelope = referral();
    ObjectNode header = (ObjectNode) envelope.get("header");
    header.putObject("sender").put("country", senderCountry).put("agency", senderAgency);
    header.putObject("recipient").put("country", recipientCountry).put("agency", recipientAgency);
    return envelope;
  }

  /**
   * The example of {@code messageType} in {@code docs/examples/}, with a new message id, sent now,
   * between the given agencies about {@code caseRef}, answering {@code correlationId}.
   */
  public static ObjectNode example(
      String messageType,
      String senderCountry,
      String senderAgency,
      String recipientCountry,
      String recipientAgency,
      String caseRef,
      String correlationId) {
    try {
      ObjectNode envelope =
          (ObjectNode)
              MAPPER.readTree(Files.readString(Path.of("docs/examples/" + messageType + ".json")));
      ObjectNode header = (ObjectNode) envelope.get("header");
      header.put("messageId", UUID.randomUUID().toString());
      header.put("sentAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      header.putObject("sender").put("country", senderCountry).put("agency", senderAgency);
      header.putObject("recipient").put("country", recipientCountry).put("agency", recipientAgency);
      header.put("caseRef", caseRef);
      header.put("correlationId", correlationId);
      return envelope;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String messageId(ObjectNode envelope) {
    return envelope.path("header").path("messageId").asText();
  }
}
