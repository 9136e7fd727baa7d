package org.kopir.gateway.console.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.audit.Checkpoint;
import org.kopir.gateway.audit.VerificationReport;
import org.kopir.gateway.console.data.ConsoleQueries;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /console/integrity}: the chain's status from the node's own verifier ({@link
 * AuditQueryService#verify}), the newest checkpoints with their signature status, "verify now",
 * export of a seq range with its checkpoints, and the offline commands that check that export.
 */
@Controller
public class IntegrityPage {

  static final int CHECKPOINTS_SHOWN = 20;

  private final AuditQueryService audit;
  private final ConsoleQueries queries;
  private final Viewer viewer;
  private final Clock clock;
  private final String node;
  private final AtomicReference<Verified> last = new AtomicReference<>();

  public IntegrityPage(
      AuditQueryService audit,
      ConsoleQueries queries,
      Viewer viewer,
      Clock clock,
      NodeProperties node) {
    this.audit = audit;
    this.queries = queries;
    this.viewer = viewer;
    this.clock = clock;
    this.node = node.getNode();
  }

  /** The last verification run from the console, with when and by whom. */
  public record Verified(VerificationReport report, Instant at, String by) {}

  /** A checkpoint with its signature status. */
  public record CheckpointView(Checkpoint checkpoint, String problem) {
    public boolean valid() {
      return problem == null;
    }
  }

  @GetMapping("/console/integrity")
  String page(Principal principal, Model model) {
    viewer.record(viewer.viewed(principal, "integrity"));
    fill(model);
    return "console/integrity";
  }

  @PostMapping("/console/integrity/verify")
  String verifyNow(Principal principal, Model model) {
    VerificationReport report = audit.verify();
    last.set(new Verified(report, clock.instant(), principal.getName()));
    viewer.record(
        viewer
            .viewed(principal, "verify")
            .detail("intact", report.intact())
            .detail("verifiedThroughSeq", report.verifiedThroughSeq())
            .detail("firstBadSeq", report.firstBadSeq()));
    fill(model);
    model.addAttribute("justVerified", true);
    return "console/integrity";
  }

  private void fill(Model model) {
    List<CheckpointView> checkpoints = new ArrayList<>();
    for (Long seq : queries.recentCheckpointSeqs(CHECKPOINTS_SHOWN)) {
      for (Checkpoint checkpoint : audit.checkpoints(seq, seq)) {
        checkpoints.add(
            new CheckpointView(checkpoint, audit.checkpointProblem(checkpoint).orElse(null)));
      }
    }
    long head = audit.lastSeq();
    model.addAttribute("verified", last.get());
    model.addAttribute("checkpoints", checkpoints);
    model.addAttribute("checkpointCount", queries.checkpointCount());
    model.addAttribute("head", head);
    model.addAttribute("node", node);
    long lastCheckpoint = checkpoints.isEmpty() ? 0 : checkpoints.get(0).checkpoint().seq();
    long exportTo = lastCheckpoint > 0 ? lastCheckpoint : head;
    model.addAttribute("exportTo", exportTo);
    String records = "records-1-" + exportTo + ".jsonl";
    String signed = "checkpoints-1-" + exportTo + ".jsonl";
    String ca = node + "-audit-ca.crt";
    model.addAttribute(
        "cliCommand",
        "java -jar kopir-gateway.jar audit verify \\\n  --records "
            + records
            + " --checkpoints "
            + signed
            + " --ca "
            + ca);
    model.addAttribute(
        "opensslCommand",
        "head -n 1 "
            + signed
            + " > line.json\n"
            + "jq -c '.checkpoint' line.json | tr -d '\\n' > body.json\n"
            + "jq -r '.signature.value' line.json | base64 -d > sig.der\n"
            + "openssl cms -verify -binary -inform DER -in sig.der -content body.json \\\n"
            + "  -CAfile "
            + ca
            + " -purpose any -out /dev/null");
  }

  /** Records {@code fromSeq..toSeq} as JSON Lines, exactly as the auditor API exports them. */
  @GetMapping("/console/integrity/records.jsonl")
  void records(
      @RequestParam(required = false) String fromSeq,
      @RequestParam(required = false) String toSeq,
      Principal principal,
      HttpServletResponse response)
      throws IOException {
    long[] range = range(fromSeq, toSeq);
    download(principal, "records", range, response, out -> audit.export(range[0], range[1], out));
  }

  /**
   * The checkpoints that anchor and seal {@code fromSeq..toSeq}: the one at {@code fromSeq - 1}
   * (when the range starts after it) through {@code toSeq}.
   */
  @GetMapping("/console/integrity/checkpoints.jsonl")
  void checkpoints(
      @RequestParam(required = false) String fromSeq,
      @RequestParam(required = false) String toSeq,
      Principal principal,
      HttpServletResponse response)
      throws IOException {
    long[] range = range(fromSeq, toSeq);
    download(
        principal,
        "checkpoints",
        range,
        response,
        out -> audit.exportCheckpoints(range[0] - 1, range[1], out));
  }

  /** What one export writes into the response. */
  private interface Export {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Audits the export ({@code audit.exported}), then names the attachment and writes it. */
  private void download(
      Principal principal, String kind, long[] range, HttpServletResponse response, Export export)
      throws IOException {
    viewer.record(
        viewer.exported(principal, kind).detail("fromSeq", range[0]).detail("toSeq", range[1]));
    attachment(response, kind + "-" + range[0] + "-" + range[1] + ".jsonl");
    OutputStream out = response.getOutputStream();
    export.writeTo(out);
    out.flush();
  }

  private long[] range(String fromText, String toText) {
    long head = audit.lastSeq();
    long from = fromText == null || fromText.isBlank() ? 1 : AuditPages.seqOf(fromText.strip());
    long to = toText == null || toText.isBlank() ? head : AuditPages.seqOf(toText.strip());
    if (from > to) {
      throw ConsoleProblem.badRequest("toSeq", "problem.seqOrder");
    }
    if (to > head) {
      throw ConsoleProblem.badRequest("toSeq", "problem.beyondHead");
    }
    if (from > 1 && audit.checkpoints(from - 1, from - 1).isEmpty()) {
      throw ConsoleProblem.badRequest("fromSeq", "problem.unanchored");
    }
    return new long[] {from, to};
  }

  private static void attachment(HttpServletResponse response, String name) {
    response.setContentType("application/x-ndjson;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    response.setHeader("Cache-Control", "no-store");
  }
}
