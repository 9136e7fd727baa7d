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

/** {@code pki generate}, {@code pki renew} and {@code pki revoke}: the development PKI, offline. */
@Command(
    name = "pki",
    mixinStandardHelpOptions = true,
    description = "Development PKI (never for production)",
    subcommands = {PkiCommand.Generate.class, PkiCommand.Renew.class, PkiCommand.Revoke.class})
public class PkiCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Writes the development PKI of the given nodes and their partnerships' pseudonym keys. */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Generate CAs, node and agency certificates, CRLs and a pseudonym key per partnership"
            + " (pair of nodes).",
        "With --add, add countries to an existing PKI without touching the others."
      })
  static class Generate implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "certs-dev", description = "output directory")
    Path out;

    @Option(
        names = "--nodes",
        split = ",",
        defaultValue = "kz,kg,tj",
        description = "the development nodes to generate (default: ${DEFAULT-VALUE})")
    List<String> nodes;

    @Option(
        names = "--force",
        description = "replace an existing PKI of these nodes and their pseudonym keys")
    boolean force;

    @Option(
        names = "--add",
        description =
            "add these countries to the PKI in the output directory: refuses to replace an"
                + " existing CA, writes only the new countries and the missing pseudonym keys of"
                + " their partnerships with every country there")
    boolean add;

    @Override
    public Integer call() {
      if (add && force) {
        System.err.println("--add never replaces a country; --force cannot go with it");
        return 2;
      }
      List<DevPki.NodeSpec> specs;
      List<String> partnerships;
      try {
        specs = DevPki.nodes(nodes);
        partnerships =
            add
                ? DevPki.add(out, specs, Instant.now())
                : DevPki.generate(out, specs, Instant.now(), force);
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 2;
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 1;
      }
      String ids = String.join(", ", specs.stream().map(DevPki.NodeSpec::node).toList());
      System.out.println(
          "Development PKI of "
              + ids
              + " written to "
              + out.toAbsolutePath().normalize()
              + (partnerships.isEmpty()
                  ? "; no new pseudonym key"
                  : "; pseudonym keys of " + String.join(", ", partnerships)));
      return 0;
    }
  }

  /** New signing and TLS certificates of a node, from its CA, for a rollover. */
  @Command(
      name = "renew",
      mixinStandardHelpOptions = true,
      description = {
        "Issue new node signing and TLS certificates (new keys, same names) from <ca-dir>'s CA"
            + " into --out: node-signing.key/.crt, node-tls.key/.crt, node-tls.pem.",
        "Then POST /api/v1/node/credentials/reload at the node (docs/operations.md,"
            + " \"Certificate rollover\")."
      })
  static class Renew implements Callable<Integer> {

    @Option(names = "--ca-dir", required = true, description = "directory with ca.crt and ca.key")
    Path caDirectory;

    @Option(names = "--node", required = true, description = "the node id, e.g. kz")
    String node;

    @Option(names = "--out", description = "where to write the files (default: the CA directory)")
    Path out;

    @Override
    public Integer call() {
      Path target = out != null ? out : caDirectory;
      try {
        Files.createDirectories(target);
        DevPki.renewNode(caDirectory, node, target, Instant.now());
      } catch (java.io.IOException | IllegalStateException e) {
        System.err.println(e.getMessage());
        return 1;
      }
      System.out.println(
          "New signing and TLS certificates of "
              + node
              + " written to "
              + target.toAbsolutePath().normalize());
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
