package org.kopir.gateway.cli;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.kopir.gateway.crypto.CertificateAuthority;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.crypto.PemFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki generate} and {@code pki revoke}: the development PKI, offline. */
@Command(
    name = "pki",
    mixinStandardHelpOptions = true,
    description = "Development PKI (never for production)",
    subcommands = {PkiCommand.Generate.class, PkiCommand.Revoke.class})
public class PkiCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Writes the two-node demo PKI and pseudonym key. */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Generate CAs, node and agency certificates, CRLs and the pseudonym key")
  static class Generate implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "certs-dev", description = "output directory")
    Path out;

    @Option(names = "--force", description = "replace an existing PKI in the output directory")
    boolean force;

    @Override
    public Integer call() {
      try {
        DevPki.generate(out, DevPki.DEMO, Instant.now(), force);
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 1;
      }
      System.out.println("Development PKI written to " + out.toAbsolutePath().normalize());
      return 0;
    }
  }

  /** Re-signs a country's CRL, listing the given certificates as revoked. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description =
          "Re-sign <ca-dir>/crl.pem adding the given certificates to those already revoked")
  static class Revoke implements Callable<Integer> {

    @Option(names = "--ca-dir", required = true, description = "directory with ca.crt and ca.key")
    Path caDirectory;

    @Option(names = "--cert", description = "certificate file to revoke (repeatable)")
    List<Path> certificates = new ArrayList<>();

    @Override
    public Integer call() {
      CertificateAuthority ca = CertificateAuthority.load(caDirectory);
      Path crlFile = caDirectory.resolve("crl.pem");
      Set<BigInteger> serials = new TreeSet<>();
      if (Files.exists(crlFile)) {
        var existing = PemFiles.readCrl(crlFile).getRevokedCertificates();
        if (existing != null) {
          existing.forEach(entry -> serials.add(entry.getSerialNumber()));
        }
      }
      certificates.forEach(file -> serials.add(PemFiles.readCertificate(file).getSerialNumber()));
      PemFiles.writeCrl(
          crlFile,
          ca.crlOfSerials(serials, Instant.now(), ca.certificate().getNotAfter().toInstant()));
      System.out.println(serials.size() + " certificate(s) listed as revoked in " + crlFile);
      return 0;
    }
  }
}
