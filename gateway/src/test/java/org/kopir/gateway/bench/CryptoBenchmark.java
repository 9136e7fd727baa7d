package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kopir.gateway.crypto.Canonicalizer;
import org.kopir.gateway.crypto.CryptoMaterial;
import org.kopir.gateway.crypto.DevPki;
import org.kopir.gateway.crypto.DevPkiFixture;
import org.kopir.gateway.crypto.IdentityBlockCipher;
import org.kopir.gateway.crypto.MessageSigner;
import org.kopir.gateway.crypto.SignedMessageVerifier;
import org.kopir.gateway.crypto.VerifiedMessage;
import org.kopir.gateway.pseudonymization.PayloadContext;
import org.kopir.gateway.pseudonymization.PseudonymKeyStore;
import org.kopir.gateway.pseudonymization.PseudonymizationPolicy;
import org.kopir.gateway.pseudonymization.PseudonymizationProperties;
import org.kopir.gateway.pseudonymization.PseudonymizedPayload;
import org.kopir.gateway.pseudonymization.Pseudonymizer;
import org.kopir.gateway.pseudonymization.SchemaResolver;
import org.kopir.gateway.validation.MessageSchemas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of each cryptographic step a referral goes through, on the referral example ({@code
 * docs/examples/}) in its border form (pseudonymized, identity block sealed to {@code kg-cpd}),
 * with a throw-away demo PKI: RFC 8785 canonicalization, sealing the identity block at kz (ECDH
 * P-256 + AES-256-GCM, including the recipient certificate's trust check) and opening it at kg
 * (reveal-at-delivery), the CMS detached ECDSA P-256 signature of the border form at kz, its
 * verification at kg (signature, path to the partner CA, CRL, sender, replay window), and a plain
 * SHA-256 of the canonical bytes for comparison. Run from the repository root, with the build JDK
 * first on the PATH (the forked benchmark JVM is the {@code java} found there):
 *
 * <pre>
 * PATH=$JAVA_HOME/bin:$PATH ./mvnw -q -pl gateway test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.openjdk.jmh.Main CryptoBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CryptoBenchmark {

  private static final String MESSAGE_TYPE = "referral.request";
  private static final String RECIPIENT_AGENCY = "kg-cpd";

  private Path pki;
  private IdentityBlockCipher kzCipher;
  private IdentityBlockCipher kgCipher;
  private MessageSigner kzSigner;
  private SignedMessageVerifier kgVerifier;
  private ObjectNode identity;
  private ObjectNode identityBlock;
  private ObjectNode envelope;
  private byte[] canonicalEnvelope;
  private ObjectNode signedMessage;

  @Setup
  public void setUp() throws IOException {
    pki = Files.createTempDirectory("kopir-bench-pki");
    DevPkiFixture fixture = new DevPkiFixture(pki);
    CryptoMaterial kz = fixture.material("kz");
    CryptoMaterial kg = fixture.material("kg");
    kzCipher = new IdentityBlockCipher(kz, Clock.systemUTC());
    kgCipher = new IdentityBlockCipher(kg, Clock.systemUTC());
    kzSigner = new MessageSigner(kz);
    kgVerifier = new SignedMessageVerifier(kg, fixture.cryptoProperties(), Clock.systemUTC());

    Path root = repositoryRoot();
    envelope =
        (ObjectNode)
            new ObjectMapper()
                .readTree(Files.readAllBytes(root.resolve("docs/examples/referral.request.json")));
    // Fresh, so the verifier's replay window accepts it.
    ((ObjectNode) envelope.get("header"))
        .put("sentAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    identity = toBorderForm(envelope, MessageSchemas.load(root.resolve("schemas")));
    identityBlock = (ObjectNode) envelope.get("protected");
    canonicalEnvelope = Canonicalizer.canonicalBytes(envelope);
    signedMessage = kzSigner.signMessage(envelope);
  }

  @TearDown
  public void tearDown() throws IOException {
    deleteTree(pki);
  }

  /** Deletes {@code dir} and everything under it: a benchmark's throw-away PKI. */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** RFC 8785 bytes of the border-form envelope, as the signer and the receipt digest take them. */
  @Benchmark
  public byte[] canonicalize() {
    return Canonicalizer.canonicalBytes(envelope);
  }

  /** The pseudonymization step at kz: trust check of kg-cpd's certificate, ECDH, AES-256-GCM. */
  @Benchmark
  public ObjectNode sealIdentity() {
    return kzCipher.seal(identity, "kg", RECIPIENT_AGENCY);
  }

  /** Reveal-at-delivery at kg, on every inbox read. */
  @Benchmark
  public ObjectNode openIdentity() {
    return kgCipher.open(identityBlock);
  }

  /** The border form at kz: canonicalization and CMS detached ECDSA P-256. */
  @Benchmark
  public ObjectNode signMessage() {
    return kzSigner.signMessage(envelope);
  }

  /** Border intake at kg on the parsed message: canonicalization, signature, trust, header. */
  @Benchmark
  public VerifiedMessage verifyMessage() {
    return kgVerifier.verifyMessage(signedMessage);
  }

  /** The hash alone, for comparison with the public-key steps. */
  @Benchmark
  public byte[] sha256() {
    return Canonicalizer.sha256(canonicalEnvelope);
  }

  /**
   * What the pseudonymization step does to a submission before signing: case token, link keys,
   * cleared payload, identity block sealed to the recipient agency. Returns the protected fields.
   */
  private ObjectNode toBorderForm(ObjectNode submitted, MessageSchemas schemas) {
    Pseudonymizer pseudonymizer =
        new Pseudonymizer(
            new PseudonymKeyStore(
                pki.resolve(DevPki.PSEUDONYM_KEYS).resolve("kg-kz"),
                DevPki.PSEUDONYM_KID,
                entry -> {}));
    SchemaResolver resolver =
        SchemaResolver.of(schemas.documents().values().toArray(JsonNode[]::new));
    PseudonymizedPayload result =
        new PseudonymizationPolicy(pseudonymizer, new PseudonymizationProperties())
            .apply(
                new PayloadContext(MESSAGE_TYPE, "KZ", "kz-cpc"),
                (ObjectNode) submitted.get("payload"),
                resolver.document(MessageSchemas.payloadId(MESSAGE_TYPE)),
                resolver);
    ObjectNode header = (ObjectNode) submitted.get("header");
    header.put(
        "caseToken", pseudonymizer.caseToken("KZ", "kz-cpc", header.remove("caseRef").asText()));
    ArrayNode linkKeys = header.putArray("linkKeys");
    result.linkKeys().forEach(linkKeys::add);
    submitted.set("payload", result.cleared());
    submitted.set("protected", kzCipher.seal(result.protectedFields(), "kg", RECIPIENT_AGENCY));
    return result.protectedFields();
  }

  /** Works whether started from the repository root or from {@code gateway/}. */
  private static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("schemas")) ? here : here.getParent();
  }
}
