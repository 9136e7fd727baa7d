package org.kopir.gateway.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.kopir.gateway.cli.KopirCommand;
import picocli.CommandLine;

/** Runs the offline verifier the way an auditor does: files on disk, the jar's command line. */
public final class AuditTestFiles {

  private AuditTestFiles() {}

  public record CliResult(int exitCode, String out, String err) {}

  static Path writePem(Path file, X509Certificate certificate) {
    try (Writer writer = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      pem.writeObject(certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** {@code kopir audit verify} as an auditor runs it offline. */
  public static CliResult runVerify(Path records, Path checkpoints, Path ca) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new KopirCommand());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exit =
        command.execute(
            "audit",
            "verify",
            "--records",
            records.toString(),
            "--checkpoints",
            checkpoints.toString(),
            "--ca",
            ca.toString());
    return new CliResult(exit, out.toString(), err.toString());
  }
}
