package org.kopir.gateway.console.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditJson;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.console.data.AuditSlice;
import org.kopir.gateway.console.data.ConsoleQueries;
import org.kopir.gateway.console.view.ConsoleTime;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Auditor pages: the audit search ({@code /console/audit}), people's reads ({@code
 * /console/reads}), one record ({@code /console/audit/{seq}}) and the downloads of a search.
 */
@Controller
public class AuditPages {

  /** Events that are people's reads of the audit. */
  static final List<String> READS =
      List.of(AuditEvent.AUDIT_VIEWED.wireName(), AuditEvent.AUDIT_EXPORTED.wireName());

  private final ConsoleQueries queries;
  private final AuditQueryService audit;
  private final Viewer viewer;
  private final ConsoleTime time;
  private final Clock clock;

  public AuditPages(
      ConsoleQueries queries,
      AuditQueryService audit,
      Viewer viewer,
      ConsoleTime time,
      Clock clock) {
    this.queries = queries;
    this.audit = audit;
    this.viewer = viewer;
    this.time = time;
    this.clock = clock;
  }

  @GetMapping("/console/audit")
  String search(
      @RequestParam Map<String, String> params,
      Principal principal,
      Model model,
      HttpServletResponse response) {
    return page("audit", List.of(), params, principal, model, response);
  }

  @GetMapping("/console/reads")
  String reads(
      @RequestParam Map<String, String> params,
      Principal principal,
      Model model,
      HttpServletResponse response) {
    return page("reads", READS, params, principal, model, response);
  }

  private String page(
      String view,
      List<String> events,
      Map<String, String> params,
      Principal principal,
      Model model,
      HttpServletResponse response) {
    AuditForm form = AuditForm.read(params, time, clock.instant(), events);
    model.addAttribute("view", view);
    model.addAttribute("form", form);
    model.addAttribute(
        "events", Arrays.stream(AuditEvent.values()).map(AuditEvent::wireName).toList());
    model.addAttribute("outcomes", AuditForm.OUTCOMES);
    if (!form.valid()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return "console/audit";
    }
    viewer.record(form.describe(viewer.viewed(principal, view)));
    AuditSlice slice = queries.searchAudit(form.filter(), form.before(), form.after(), form.size());
    model.addAttribute("slice", slice);
    model.addAttribute("query", form.query());
    return "console/audit";
  }

  @GetMapping("/console/audit/{seq}")
  String record(@PathVariable String seq, Principal principal, Model model) {
    long number = seqOf(seq);
    AuditRecord record =
        queries.auditRecord(number).orElseThrow(() -> ConsoleProblem.notFound("problem.noRecord"));
    viewer.record(viewer.viewed(principal, "record").detail("seq", number));
    model.addAttribute("record", record);
    model.addAttribute("json", AuditJson.write(record.toJson()));
    model.addAttribute("canonical", AuditJson.canonicalText(withoutHash(record)));
    model.addAttribute("previous", queries.auditRecord(number - 1).isPresent() ? number - 1 : null);
    model.addAttribute("next", queries.auditRecord(number + 1).isPresent() ? number + 1 : null);
    model.addAttribute("checkpoint", queries.coveringCheckpoint(number).orElse(null));
    return "console/audit-record";
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode withoutHash(AuditRecord record) {
    var json = record.toJson();
    json.remove("hash");
    return json;
  }

  static long seqOf(String text) {
    if (text == null || text.length() > 19) {
      throw ConsoleProblem.badRequest("seq", "problem.seq");
    }
    try {
      long seq = Long.parseLong(text);
      if (seq >= 1) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ConsoleProblem.badRequest("seq", "problem.seq");
  }

  /** The current search as CSV (one line per record, the twelve members as columns). */
  @GetMapping("/console/audit/export.csv")
  void csv(
      @RequestParam Map<String, String> params, Principal principal, HttpServletResponse response)
      throws IOException {
    download(params, principal, response, "csv");
  }

  /** The current search as JSON Lines, each line exactly as exported by the auditor API. */
  @GetMapping("/console/audit/export.jsonl")
  void jsonLines(
      @RequestParam Map<String, String> params, Principal principal, HttpServletResponse response)
      throws IOException {
    download(params, principal, response, "jsonl");
  }

  private void download(
      Map<String, String> params, Principal principal, HttpServletResponse response, String format)
      throws IOException {
    List<String> events = "reads".equals(params.get("view")) ? READS : List.of();
    AuditForm form = AuditForm.read(params, time, clock.instant(), events);
    if (!form.valid()) {
      throw new ConsoleProblem(400, form.problems());
    }
    // The download ends at the head as of now; its own audit.exported record follows it.
    long head = audit.lastSeq();
    long[] range = queries.seqRange(form.filter(), head);
    viewer.record(
        form.describe(viewer.exported(principal, "search"))
            .detail("format", format)
            .detail("fromSeq", range[0])
            .detail("toSeq", range[1])
            .detail("records", range[2]));
    String name = "kopir-audit-" + range[0] + "-" + range[1] + "." + format;
    response.setContentType(
        "csv".equals(format) ? "text/csv;charset=UTF-8" : "application/x-ndjson;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    response.setHeader("Cache-Control", "no-store");
    OutputStream out = response.getOutputStream();
    if ("csv".equals(format)) {
      write(out, String.join(",", AuditRecord.MEMBERS) + "\r\n");
      queries.forEachAudit(form.filter(), head, record -> write(out, csvLine(record)));
    } else {
      queries.forEachAudit(
          form.filter(), head, record -> write(out, AuditJson.write(record.toJson()) + "\n"));
    }
    out.flush();
  }

  static String csvLine(AuditRecord record) {
    var json = record.toJson();
    StringBuilder line = new StringBuilder();
    for (String member : AuditRecord.MEMBERS) {
      if (!line.isEmpty()) {
        line.append(',');
      }
      var value = json.get(member);
      if (value == null || value.isNull()) {
        continue;
      }
      String text = value.isObject() ? AuditJson.canonicalText(value) : value.asText();
      line.append(csvField(text));
    }
    return line.append("\r\n").toString();
  }

  /** RFC 4180 quoting; a leading formula character is neutralised for spreadsheets. */
  static String csvField(String text) {
    String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    if (safe.indexOf(',') >= 0
        || safe.indexOf('"') >= 0
        || safe.indexOf('\n') >= 0
        || safe.indexOf('\r') >= 0) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }

  private static void write(OutputStream out, String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
