package org.kopir.gateway.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor API (SPEC §8). Every read by a person is itself audited ({@code audit.viewed}, {@code
 * audit.exported}) before the data leaves, with actor {@code user:<name>}. Who may call these
 * endpoints is decided by the security configuration.
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

  public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  private final AuditQueryService queries;
  private final AuditTrail trail;
  private final AuditPurger purger;

  public AuditController(AuditQueryService queries, AuditTrail trail, AuditPurger purger) {
    this.queries = queries;
    this.trail = trail;
    this.purger = purger;
  }

  @GetMapping(value = "/records", produces = MediaType.APPLICATION_JSON_VALUE)
  public ObjectNode records(
      @RequestParam(required = false) String messageId,
      @RequestParam(required = false) String caseToken,
      @RequestParam(required = false) String agency,
      @RequestParam(required = false) String event,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      Principal principal) {
    if (page < 0 || size < 1 || size > AuditQueryService.MAX_PAGE_SIZE) {
      throw invalid("/size", "page must be >= 0 and size 1.." + AuditQueryService.MAX_PAGE_SIZE);
    }
    if (event != null) {
      knownEvent(event);
    }
    AuditQuery query =
        new AuditQuery(
            messageId, caseToken, agency, event, instant("/from", from), instant("/to", to));
    AuditPage result = queries.search(query, page, size);
    trail.record(
        AuditEntry.of(AuditEvent.AUDIT_VIEWED)
            .actor(actor(principal))
            .detail("view", "records")
            .detail("messageId", messageId)
            .detail("caseToken", caseToken)
            .detail("agency", agency)
            .detail("event", event)
            .detail("from", from)
            .detail("to", to)
            .detail("page", page)
            .detail("returned", result.records().size())
            .build());
    ObjectNode body = AuditJson.MAPPER.createObjectNode();
    body.put("page", result.page());
    body.put("size", result.size());
    body.put("totalElements", result.totalElements());
    ArrayNode records = body.putArray("records");
    result.records().forEach(record -> records.add(record.toJson()));
    return body;
  }

  @GetMapping(value = "/export", produces = "application/x-ndjson")
  public void export(
      @RequestParam(defaultValue = "1") long fromSeq,
      @RequestParam(required = false) Long toSeq,
      Principal principal,
      HttpServletResponse response)
      throws IOException {
    if (fromSeq < 1 || (toSeq != null && toSeq < fromSeq)) {
      throw invalid("/toSeq", "need 1 <= fromSeq <= toSeq");
    }
    // The export ends at the head as of this request; its own audit.exported record follows it.
    long last = queries.lastSeq();
    long through = toSeq == null ? last : Math.min(toSeq, last);
    trail.record(
        AuditEntry.of(AuditEvent.AUDIT_EXPORTED)
            .actor(actor(principal))
            .detail("fromSeq", fromSeq)
            .detail("toSeq", through)
            .build());
    response.setContentType(NDJSON.toString());
    response.setCharacterEncoding("UTF-8");
    OutputStream out = response.getOutputStream();
    queries.export(fromSeq, through, out);
    out.flush();
  }

  @GetMapping(value = "/checkpoints", produces = "application/x-ndjson")
  public void checkpoints(
      @RequestParam(defaultValue = "0") long fromSeq,
      @RequestParam(required = false) Long toSeq,
      Principal principal,
      HttpServletResponse response)
      throws IOException {
    trail.record(
        AuditEntry.of(AuditEvent.AUDIT_VIEWED)
            .actor(actor(principal))
            .detail("view", "checkpoints")
            .detail("fromSeq", fromSeq)
            .detail("toSeq", toSeq)
            .build());
    response.setContentType(NDJSON.toString());
    response.setCharacterEncoding("UTF-8");
    OutputStream out = response.getOutputStream();
    queries.exportCheckpoints(fromSeq, toSeq == null ? Long.MAX_VALUE : toSeq, out);
    out.flush();
  }

  @GetMapping(value = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  public ObjectNode verify(Principal principal) {
    VerificationReport report = queries.verify();
    trail.record(
        AuditEntry.of(AuditEvent.AUDIT_VIEWED)
            .actor(actor(principal))
            .detail("view", "verify")
            .detail("intact", report.intact())
            .detail("verifiedThroughSeq", report.verifiedThroughSeq())
            .build());
    return report.toJson();
  }

  /** Retention purge (docs/audit.md): an operator action, recorded as {@code audit.purged}. */
  @PostMapping(value = "/purge", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> purge(Principal principal) {
    return purger
        .purgeExpired(actor(principal))
        .<Map<String, Object>>map(
            result ->
                Map.of(
                    "purged", true,
                    "throughSeq", result.throughSeq(),
                    "removed", result.removed()))
        .orElse(Map.of("purged", false));
  }

  static String actor(Principal principal) {
    return principal == null || principal.getName() == null
        ? "anonymous"
        : "user:" + principal.getName();
  }

  private static void knownEvent(String event) {
    try {
      AuditEvent.fromWireName(event);
    } catch (IllegalArgumentException e) {
      throw invalid("/event", "not an audit event name");
    }
  }

  private static Instant instant(String pointer, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(pointer, "not an ISO-8601 instant such as 2026-11-22T10:15:00Z");
    }
  }

  private static KopirException invalid(String pointer, String message) {
    return new KopirException(
        ErrorCode.INVALID_PARAMETER,
        "invalid query parameter",
        List.of(new FieldError(pointer, message)));
  }
}
