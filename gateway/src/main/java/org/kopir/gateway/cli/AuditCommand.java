package org.kopir.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kopir.gateway.audit.AuditChainVerifier;
import org.kopir.gateway.audit.AuditJson;
import org.kopir.gateway.audit.VerificationReport;
import org.kopir.gateway.crypto.PemFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit ...}: offline work on audit exports, without a node or a database. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Offline tools for audit exports (SPEC §7)",
    subcommands = {AuditCommand.Verify.class})
public class AuditCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code audit verify --records FILE --checkpoints FILE --ca FILE}: exit 0 intact, 1 not. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Verifies an audit export: the hash chain, every checkpoint signature against the audit"
              + " CA, and every checkpoint hash against its record. Exits 0 when all hold, 1"
              + " otherwise, naming the first bad seq.")
  public static class Verify implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--records",
        required = true,
        paramLabel = "FILE",
        description = "JSON Lines export of /api/v1/audit/export")
    Path records;

    @Option(
        names = "--checkpoints",
        required = true,
        paramLabel = "FILE",
        description = "checkpoints of /api/v1/audit/checkpoints (JSON Lines or a JSON array)")
    Path checkpoints;

    @Option(
        names = "--ca",
        required = true,
        paramLabel = "FILE",
        description = "PEM certificate of the node's audit CA")
    Path ca;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      X509Certificate caCertificate;
      List<JsonNode> checkpointLines;
      try {
        caCertificate = PemFiles.readCertificate(ca);
        checkpointLines = readCheckpoints(checkpoints);
      } catch (RuntimeException e) {
        err.println("FAILED: " + e.getMessage());
        return 1;
      }
      AuditChainVerifier.Run run = new AuditChainVerifier(caCertificate).start(checkpointLines);
      ObjectMapper mapper = AuditJson.mapper();
      try (BufferedReader reader = Files.newBufferedReader(records, StandardCharsets.UTF_8)) {
        String line;
        boolean more = true;
        while (more && (line = reader.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode record;
          try {
            record = mapper.readTree(line);
          } catch (IOException e) {
            run.acceptUnreadable();
            break;
          }
          more = run.accept(record);
        }
      } catch (IOException e) {
        err.println("FAILED: cannot read " + records + ": " + e.getMessage());
        return 1;
      }
      VerificationReport report = run.finish();
      (report.intact() ? out : err).println(report.summary());
      out.flush();
      err.flush();
      return report.intact() ? 0 : 1;
    }

    static List<JsonNode> readCheckpoints(Path file) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        ObjectMapper mapper = AuditJson.mapper();
        List<JsonNode> lines = new ArrayList<>();
        if (text.stripLeading().startsWith("[")) {
          mapper.readTree(text).forEach(lines::add);
          return lines;
        }
        for (String line : text.split("\n")) {
          if (!line.isBlank()) {
            lines.add(mapper.readTree(line));
          }
        }
        return lines;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read checkpoints from " + file, e);
      }
    }
  }
}
