package org.kopir.gateway.console.web;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.console.data.ConsoleQueries;
import org.kopir.gateway.console.view.ConsoleTime;
import org.kopir.gateway.console.view.Timeline;
import org.kopir.gateway.intake.CaseSummaries;
import org.kopir.gateway.intake.OutboundStatus;
import org.kopir.gateway.intake.SubmissionLedger;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Messages: the list of outbound and inbound messages ({@code /console/messages}), one message's
 * timeline ({@code /console/messages/{id}}) and a pseudonymous case ({@code
 * /console/cases/{token}}).
 */
@Controller
public class MessagePages {

  static final int PAGE_SIZE = 50;
  static final int MOST_PAGES = 200;
  static final List<String> DIRECTIONS = List.of("outbound", "inbound");
  static final List<String> PRIORITIES = List.of("high", "normal", "low");
  static final List<String> STATUSES;

  static {
    List<String> statuses = new ArrayList<>();
    for (OutboundStatus status : OutboundStatus.values()) {
      statuses.add(status.name());
    }
    statuses.add("ENQUEUED");
    STATUSES = List.copyOf(statuses);
  }

  private final ConsoleQueries queries;
  private final CaseSummaries cases;
  private final SubmissionLedger outbound;
  private final AuditQueryService audit;
  private final Viewer viewer;
  private final ConsoleTime time;
  private final Clock clock;

  public MessagePages(
      ConsoleQueries queries,
      CaseSummaries cases,
      SubmissionLedger outbound,
      AuditQueryService audit,
      Viewer viewer,
      ConsoleTime time,
      Clock clock) {
    this.queries = queries;
    this.cases = cases;
    this.outbound = outbound;
    this.audit = audit;
    this.viewer = viewer;
    this.time = time;
    this.clock = clock;
  }

  @GetMapping("/console/messages")
  String list(
      @RequestParam Map<String, String> params,
      Principal principal,
      Model model,
      HttpServletResponse response) {
    Map<String, String> values = new LinkedHashMap<>();
    List<ConsoleProblem.FieldProblem> problems = new ArrayList<>();
    for (String name :
        List.of("messageId", "direction", "status", "agency", "priority", "from", "to")) {
      String value = params.get(name);
      values.put(name, value == null ? "" : AuditForm.shown(value));
    }
    String messageId = AuditForm.blank(params.get("messageId"));
    if (messageId != null && !AuditForm.MESSAGE_ID.matcher(messageId).matches()) {
      problems.add(new ConsoleProblem.FieldProblem("messageId", "problem.messageId"));
    }
    String direction = oneOf(params, "direction", DIRECTIONS, problems);
    String status = oneOf(params, "status", STATUSES, problems);
    String priority = oneOf(params, "priority", PRIORITIES, problems);
    String agency = AuditForm.blank(params.get("agency"));
    if (agency != null && !AuditForm.AGENCY.matcher(agency).matches()) {
      problems.add(new ConsoleProblem.FieldProblem("agency", "problem.agency"));
    }
    Instant from;
    if (!params.containsKey("from")) {
      from = clock.instant().minus(Duration.ofHours(24));
      values.put("from", time.input(from));
    } else {
      from = instant(params, "from", problems);
    }
    Instant to = instant(params, "to", problems);
    int page = 0;
    String pageText = AuditForm.blank(params.get("page"));
    if (pageText != null) {
      try {
        page = Integer.parseInt(pageText);
      } catch (NumberFormatException e) {
        page = -1;
      }
      if (page < 0 || page >= MOST_PAGES) {
        problems.add(new ConsoleProblem.FieldProblem("page", "problem.page"));
        page = 0;
      }
    }
    model.addAttribute("values", values);
    model.addAttribute("problems", problems);
    model.addAttribute("directions", DIRECTIONS);
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("priorities", PRIORITIES);
    if (!problems.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return "console/messages";
    }
    viewer.record(
        viewer
            .viewed(principal, "messages")
            .detail("messageId", messageId)
            .detail("direction", direction)
            .detail("status", status)
            .detail("agency", agency)
            .detail("priority", priority)
            .detail("from", from == null ? null : from.toString())
            .detail("to", to == null ? null : to.toString())
            .detail("page", page));
    List<ConsoleQueries.MessageRow> rows =
        queries.messages(
            direction,
            messageId,
            status,
            agency,
            priority,
            from,
            to,
            page * PAGE_SIZE,
            PAGE_SIZE + 1);
    model.addAttribute("rows", rows.subList(0, Math.min(PAGE_SIZE, rows.size())));
    model.addAttribute("page", page);
    model.addAttribute("more", rows.size() > PAGE_SIZE);
    StringBuilder query = new StringBuilder();
    values.forEach(
        (name, value) -> {
          if (!value.isEmpty() || name.equals("from")) {
            query
                .append(query.isEmpty() ? "" : "&")
                .append(name)
                .append('=')
                .append(
                    java.net.URLEncoder.encode(
                        name.equals("from") && from != null ? from.toString() : value,
                        java.nio.charset.StandardCharsets.UTF_8));
          }
        });
    model.addAttribute("query", query.toString());
    return "console/messages";
  }

  private String oneOf(
      Map<String, String> params,
      String name,
      List<String> allowed,
      List<ConsoleProblem.FieldProblem> problems) {
    String value = AuditForm.blank(params.get(name));
    if (value != null && !allowed.contains(value)) {
      problems.add(new ConsoleProblem.FieldProblem(name, "problem." + name));
      return null;
    }
    return value;
  }

  private Instant instant(
      Map<String, String> params, String name, List<ConsoleProblem.FieldProblem> problems) {
    String value = AuditForm.blank(params.get(name));
    if (value == null) {
      return null;
    }
    var parsed = time.parse(value);
    if (parsed.isEmpty()) {
      problems.add(new ConsoleProblem.FieldProblem(name, "problem.time"));
      return null;
    }
    return parsed.get();
  }

  @GetMapping("/console/messages/{messageId}")
  String message(@PathVariable String messageId, Principal principal, Model model) {
    if (!AuditForm.MESSAGE_ID.matcher(messageId).matches()) {
      throw ConsoleProblem.badRequest("messageId", "problem.messageId");
    }
    var sent = outbound.find(messageId);
    var received = queries.inbound(messageId);
    List<AuditRecord> records = audit.timeline(messageId);
    if (sent.isEmpty() && received.isEmpty() && records.isEmpty()) {
      throw ConsoleProblem.notFound("problem.noMessage");
    }
    // What was looked at goes into detail, not into the record's messageId: a read is not a step
    // of the message and must not appear in its timeline (nor in the sender's status answer).
    viewer.record(viewer.viewed(principal, "message").detail("messageId", messageId));
    model.addAttribute("messageId", messageId);
    model.addAttribute("sent", sent.orElse(null));
    model.addAttribute("received", received.orElse(null));
    model.addAttribute("records", records);
    model.addAttribute("timeline", Timeline.of(records));
    model.addAttribute(
        "receipts",
        records.stream()
            .filter(r -> "receipt.received".equals(r.event()) || "receipt.sent".equals(r.event()))
            .toList());
    model.addAttribute(
        "caseToken",
        sent.map(s -> s.caseToken())
            .orElse(received.map(ConsoleQueries.MessageRow::caseToken).orElse(null)));
    return "console/message";
  }

  @GetMapping("/console/cases/{caseToken}")
  String caseView(@PathVariable String caseToken, Principal principal, Model model) {
    if (!AuditForm.CASE_TOKEN.matcher(caseToken).matches()) {
      throw ConsoleProblem.badRequest("caseToken", "problem.caseToken");
    }
    List<ConsoleQueries.MessageRow> messages = queries.caseMessages(caseToken);
    CaseLifecycle lifecycle = cases.summary(caseToken).map(CaseLifecycle::of).orElse(null);
    if (messages.isEmpty() && (lifecycle == null || lifecycle.erasedAt() == null)) {
      throw ConsoleProblem.notFound("problem.noCase");
    }
    viewer.record(viewer.viewed(principal, "case").detail("caseToken", caseToken));
    model.addAttribute("caseToken", caseToken);
    model.addAttribute("lifecycle", lifecycle);
    model.addAttribute("messages", messages);
    model.addAttribute("hints", queries.linkHints(caseToken));
    return "console/case";
  }

  /** The recorded consent, closure and erasure of a case (SPEC §13), as the case page shows it. */
  record CaseLifecycle(
      String consent,
      String scope,
      String closedOn,
      java.time.Instant eraseAfter,
      String erasureReason,
      java.time.Instant erasedAt) {

    static CaseLifecycle of(com.fasterxml.jackson.databind.JsonNode summary) {
      List<String> scope = new ArrayList<>();
      summary.path("scope").forEach(item -> scope.add(item.asText()));
      return new CaseLifecycle(
          summary.path("consent").asText(),
          String.join(", ", scope),
          summary.path("closedOn").asText(null),
          instant(summary.path("eraseAfter")),
          summary.path("erasureReason").asText(null),
          instant(summary.path("erasedAt")));
    }

    private static java.time.Instant instant(com.fasterxml.jackson.databind.JsonNode value) {
      return value.isTextual() ? java.time.Instant.parse(value.asText()) : null;
    }
  }
}
