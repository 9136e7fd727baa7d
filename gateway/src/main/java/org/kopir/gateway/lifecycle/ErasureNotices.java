package org.kopir.gateway.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.uuid.Generators;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperties;
import org.apache.camel.ProducerTemplate;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.intake.Submission;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partners;
import org.kopir.gateway.validation.EnvelopeHeader;
import org.springframework.stereotype.Component;

/**
 * The {@code case.erasure} messages this node sends when an operator orders a case erased (SPEC
 * §13.5): one to each partner agency that exchanged messages of the case, in the name of the local
 * agency that did, answering the latest of those messages. The node writes them in their border
 * form: it holds the case token, never the case reference, so there is nothing to pseudonymize.
 */
@Component("erasureNotices")
public class ErasureNotices {

  /** Route that signs, registers and queues one notice. */
  static final String ROUTE = "direct:erasure-notice";

  private final CaseStore cases;
  private final NodeProperties node;
  private final Partners partners;
  private final ProducerTemplate producer;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();

  public ErasureNotices(
      CaseStore cases,
      NodeProperties node,
      Partners partners,
      ProducerTemplate producer,
      Clock clock) {
    this.cases = cases;
    this.node = node;
    this.partners = partners;
    this.producer = producer;
    this.clock = clock;
  }

  /** One notice about the case {@code key}, ordered by {@code actor}. */
  public record Notice(String caseKey, CaseStore.Parties parties, String reason, String actor) {}

  /**
   * Sends a notice to every partner agency of the case; each is on its outbound queue when this
   * returns.
   *
   * @return the message ids of the notices
   */
  public List<String> send(String key, String reason, String actor) {
    return cases.parties(key).stream()
        .map(
            parties ->
                producer.requestBody(ROUTE, new Notice(key, parties, reason, actor), String.class))
        .map(answer -> readMessageId(answer))
        .toList();
  }

  /** The route's first step: the notice in its border form, as the submission to sign. */
  public void open(@Body Notice notice, @ExchangeProperties Map<String, Object> properties) {
    String partnerCountry =
        partners
            .agency(notice.parties().partnerAgency())
            .orElseThrow(
                () ->
                    new KopirException(
                        ErrorCode.UNKNOWN_RECIPIENT,
                        "The case's partner agency is no longer at a partner node."))
            .country();
    ObjectNode envelope = mapper.createObjectNode();
    ObjectNode header = envelope.putObject("header");
    header.put("messageId", Generators.timeBasedEpochGenerator().generate().toString());
    header.put("messageType", CaseMessage.CASE_ERASURE);
    header.put("schemaVersion", "1");
    header.put("sentAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    header
        .putObject("sender")
        .put("country", node.getCountry())
        .put("agency", notice.parties().localAgency());
    header
        .putObject("recipient")
        .put("country", partnerCountry)
        .put("agency", notice.parties().partnerAgency());
    header.put("correlationId", notice.parties().latestMessageId());
    header.put("purpose", "case-closure");
    header.put("legalBasis", "law");
    header.put("priority", "high");
    header.put("caseToken", notice.caseKey());
    header.putArray("linkKeys");
    envelope
        .putObject("payload")
        .put("reason", notice.reason())
        .put("orderedOn", LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
    Submission submission =
        new Submission(
            EnvelopeHeader.read(envelope),
            envelope,
            Canonicalizer.digestHex(envelope),
            notice.actor());
    submission.caseToken(notice.caseKey());
    properties.put(Submission.PROPERTY, submission);
  }

  private String readMessageId(String answer) {
    try {
      return mapper.readTree(answer).path("messageId").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable answer of the erasure notice route", e);
    }
  }
}
