package org.kopir.gateway.console.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.console.data.AuditFilter;
import org.kopir.gateway.console.view.ConsoleTime;

/**
 * The audit search form as typed, and its validation. Every value is checked against the shape of
 * what the audit stores (ids, pseudonyms, codes) before any query runs; a value that does not fit
 * is reported on the page with its field.
 */
public final class AuditForm {

  static final Pattern MESSAGE_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  static final Pattern CASE_TOKEN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
  static final Pattern AGENCY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final Pattern ACTOR =
      Pattern.compile("(?:(?:agency|user|node):[A-Za-z0-9._@-]{1,128})|system|anonymous|node");
  static final List<String> OUTCOMES =
      List.of(
          AuditOutcome.OK.wireName(),
          AuditOutcome.REFUSED.wireName(),
          AuditOutcome.FAILED.wireName(),
          AuditOutcome.WARNING.wireName());
  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 200;
  static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

  /** What was typed, cut to a length safe to show back. */
  private final Map<String, String> values = new LinkedHashMap<>();

  private final List<ConsoleProblem.FieldProblem> problems = new ArrayList<>();
  private AuditFilter filter;
  private int size = DEFAULT_SIZE;
  private Long before;
  private Long after;

  private AuditForm() {}

  /**
   * Reads the form. {@code params} holds the raw request parameters; without a {@code from}
   * parameter at all, the search covers the last 24 hours.
   */
  public static AuditForm read(
      Map<String, String> params, ConsoleTime time, Instant now, List<String> events) {
    AuditForm form = new AuditForm();
    for (String name :
        List.of(
            "messageId",
            "caseToken",
            "agency",
            "event",
            "outcome",
            "actor",
            "from",
            "to",
            "fromSeq",
            "toSeq",
            "size")) {
      String value = params.get(name);
      form.values.put(name, value == null ? "" : shown(value));
    }
    String messageId = form.text(params, "messageId", MESSAGE_ID, "problem.messageId");
    String caseToken = form.text(params, "caseToken", CASE_TOKEN, "problem.caseToken");
    String agency = form.text(params, "agency", AGENCY, "problem.agency");
    String actor = form.text(params, "actor", ACTOR, "problem.actor");
    String event = blank(params.get("event"));
    if (event != null) {
      try {
        AuditEvent.fromWireName(event);
      } catch (IllegalArgumentException e) {
        form.problems.add(new ConsoleProblem.FieldProblem("event", "problem.event"));
        event = null;
      }
    }
    String outcome = blank(params.get("outcome"));
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      form.problems.add(new ConsoleProblem.FieldProblem("outcome", "problem.outcome"));
      outcome = null;
    }
    Instant from;
    if (!params.containsKey("from")) {
      from = now.minus(DEFAULT_WINDOW);
      form.values.put("from", time.input(from));
    } else {
      from = form.time(params, "from", time);
    }
    Instant to = form.time(params, "to", time);
    if (from != null && to != null && !from.isBefore(to)) {
      form.problems.add(new ConsoleProblem.FieldProblem("to", "problem.timeOrder"));
    }
    Long fromSeq = form.seq(params, "fromSeq");
    Long toSeq = form.seq(params, "toSeq");
    if (fromSeq != null && toSeq != null && fromSeq > toSeq) {
      form.problems.add(new ConsoleProblem.FieldProblem("toSeq", "problem.seqOrder"));
    }
    String size = blank(params.get("size"));
    if (size != null) {
      try {
        form.size = Integer.parseInt(size);
      } catch (NumberFormatException e) {
        form.size = -1;
      }
      if (form.size < 1 || form.size > MAX_SIZE) {
        form.problems.add(new ConsoleProblem.FieldProblem("size", "problem.size"));
        form.size = DEFAULT_SIZE;
      }
    }
    form.before = form.seq(params, "before");
    form.after = form.seq(params, "after");
    form.filter =
        new AuditFilter(
            messageId, caseToken, agency, event, outcome, actor, from, to, fromSeq, toSeq, events);
    return form;
  }

  private String text(Map<String, String> params, String name, Pattern shape, String problem) {
    String value = blank(params.get(name));
    if (value == null) {
      return null;
    }
    if (!shape.matcher(value).matches()) {
      problems.add(new ConsoleProblem.FieldProblem(name, problem));
      return null;
    }
    return value;
  }

  private Instant time(Map<String, String> params, String name, ConsoleTime time) {
    String value = blank(params.get(name));
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

  private Long seq(Map<String, String> params, String name) {
    String value = blank(params.get(name));
    if (value == null) {
      return null;
    }
    try {
      long seq = Long.parseLong(value);
      if (seq >= 1) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(new ConsoleProblem.FieldProblem(name, "problem.seq"));
    return null;
  }

  static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** At most 80 characters of what was typed, to show back in the form. */
  static String shown(String value) {
    return value.length() > 80 ? value.substring(0, 80) : value;
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  public List<ConsoleProblem.FieldProblem> problems() {
    return problems;
  }

  public boolean hasProblem(String field) {
    return problems.stream().anyMatch(p -> field.equals(p.field()));
  }

  public AuditFilter filter() {
    return filter;
  }

  public Map<String, String> values() {
    return values;
  }

  public int size() {
    return size;
  }

  public Long before() {
    return before;
  }

  public Long after() {
    return after;
  }

  /** The filter's set values, for the {@code audit.viewed} record of this search. */
  public AuditEntry.Builder describe(AuditEntry.Builder entry) {
    return entry
        .detail("messageId", filter.messageId())
        .detail("caseToken", filter.caseToken())
        .detail("agency", filter.agency())
        .detail("event", filter.event())
        .detail("outcome", filter.outcome())
        .detail("actor", filter.actor())
        .detail("from", filter.from() == null ? null : filter.from().toString())
        .detail("to", filter.to() == null ? null : filter.to().toString())
        .detail("fromSeq", filter.fromSeq())
        .detail("toSeq", filter.toSeq())
        .detail("before", before)
        .detail("after", after);
  }

  /** The query string that repeats this search (for paging and download links). */
  public String query() {
    StringBuilder query = new StringBuilder();
    AuditFilter f = filter;
    append(query, "messageId", f.messageId());
    append(query, "caseToken", f.caseToken());
    append(query, "agency", f.agency());
    append(query, "event", f.event());
    append(query, "outcome", f.outcome());
    append(query, "actor", f.actor());
    append(query, "from", f.from() == null ? "" : f.from().toString());
    append(query, "to", f.to() == null ? null : f.to().toString());
    append(query, "fromSeq", f.fromSeq() == null ? null : f.fromSeq().toString());
    append(query, "toSeq", f.toSeq() == null ? null : f.toSeq().toString());
    if (size != DEFAULT_SIZE) {
      append(query, "size", Integer.toString(size));
    }
    return query.toString();
  }

  private static void append(StringBuilder query, String name, String value) {
    if (value == null) {
      return;
    }
    if (!query.isEmpty()) {
      query.append('&');
    }
    query
        .append(name)
        .append('=')
        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
  }
}
