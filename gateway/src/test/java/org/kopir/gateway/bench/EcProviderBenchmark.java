package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.kopir.gateway.crypto.CmsSignatures;
import org.kopir.gateway.crypto.CryptoMaterial;
import org.kopir.gateway.crypto.DevPkiFixture;
import org.kopir.gateway.crypto.EcProvider;
import org.kopir.gateway.crypto.IdentityBlockCipher;
import org.kopir.gateway.crypto.SigningCredential;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Which provider ({@code kopir.crypto.ec-provider}) does the elliptic-curve work of a referral
 * faster on this machine: the CMS detached ECDSA P-256 signature the sending node makes (over 4
 * KiB, as a referral's border form), its verification at the receiving node (signature only; the
 * certificate trust decision is the same for both and remembered), and an identity block sealed to
 * an agency (ephemeral key pair, ECDH, AES-256-GCM). Choose the provider with the lower time per
 * operation; docs/performance.md has the figures of the machines tried. Run from the repository
 * root with the build JDK first on the PATH:
 *
 * <pre>
 * PATH=$JAVA_HOME/bin:$PATH ./mvnw -q -pl gateway test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.openjdk.jmh.Main EcProviderBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EcProviderBenchmark {

  @Param({"BOUNCY_CASTLE", "JDK"})
  public EcProvider provider;

  private Path pki;
  private SigningCredential signing;
  private X509Certificate agencyCertificate;
  private byte[] content;
  private byte[] signature;
  private ObjectNode identity;

  @Setup
  public void setUp() throws IOException {
    pki = Files.createTempDirectory("kopir-bench-pki");
    DevPkiFixture fixture = new DevPkiFixture(pki);
    CryptoMaterial kz = fixture.material("kz");
    signing = kz.signing();
    agencyCertificate = kz.partner("kg").orElseThrow().agencyCertificate("kg-cpd").orElseThrow();
    content = new byte[4096];
    new Random(1).nextBytes(content);
    signature = CmsSignatures.signDetached(content, signing, provider);
    identity = JsonNodeFactory.instance.objectNode();
    identity.put("givenName", "Aigerim").put("familyName", "Nurlanova").put("iin", "120315650123");
  }

  @TearDown
  public void tearDown() throws IOException {
    CryptoBenchmark.deleteTree(pki);
  }

  @Benchmark
  public byte[] sign() {
    return CmsSignatures.signDetached(content, signing, provider);
  }

  @Benchmark
  public Object verify() {
    return CmsSignatures.verifyDetached(content, signature, provider);
  }

  @Benchmark
  public ObjectNode sealIdentity() {
    return IdentityBlockCipher.sealTo(identity, "kg-cpd", agencyCertificate, provider);
  }
}
