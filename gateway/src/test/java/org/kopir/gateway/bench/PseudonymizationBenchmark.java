package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.kopir.gateway.pseudonymization.NameSkeleton;
import org.kopir.gateway.pseudonymization.PayloadContext;
import org.kopir.gateway.pseudonymization.PseudonymKeyStore;
import org.kopir.gateway.pseudonymization.PseudonymKind;
import org.kopir.gateway.pseudonymization.PseudonymizationPolicy;
import org.kopir.gateway.pseudonymization.PseudonymizationProperties;
import org.kopir.gateway.pseudonymization.PseudonymizedPayload;
import org.kopir.gateway.pseudonymization.Pseudonymizer;
import org.kopir.gateway.pseudonymization.SchemaResolver;
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
 * Cost of pseudonymization per message: one pseudonym, one name skeleton, and the whole policy
 * (purpose check, link keys, split) on a referral-sized payload with the test schemas. Run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main PseudonymizationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PseudonymizationBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PayloadContext CONTEXT = new PayloadContext("test.referral", "KZ", "kz-cpc");

  private Path keyDir;
  private Pseudonymizer pseudonymizer;
  private PseudonymizationPolicy policy;
  private JsonNode schema;
  private SchemaResolver resolver;
  private ObjectNode payload;
  private PseudonymizedPayload split;

  @Setup
  public void setUp() throws IOException {
    keyDir = Files.createTempDirectory("kopir-bench-keys");
    Files.writeString(
        keyDir.resolve("k1.key"),
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    PseudonymKeyStore keys = new PseudonymKeyStore(keyDir, "k1", entry -> {});
    pseudonymizer = new Pseudonymizer(keys);
    policy = new PseudonymizationPolicy(pseudonymizer, new PseudonymizationProperties());
    schema = read("schemas/test.referral.v1.schema.json");
    resolver = SchemaResolver.of(schema, read("schemas/defs.v1.schema.json"));
    payload = (ObjectNode) read("referral-payload.json");
    split = policy.apply(CONTEXT, payload, schema, resolver);
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(keyDir.resolve("k1.key"));
    Files.deleteIfExists(keyDir);
  }

  @Benchmark
  public String pseudonym() {
    return pseudonymizer.pseudonym(PseudonymKind.PID, "KZ|150302600126");
  }

  @Benchmark
  public String nameSkeleton() {
    return NameSkeleton.of("Айгерім", "Нұрланова");
  }

  @Benchmark
  public PseudonymizedPayload policyOnReferral() {
    return policy.apply(CONTEXT, payload, schema, resolver);
  }

  @Benchmark
  public ObjectNode mergeForReveal() {
    return PseudonymizationPolicy.merge(split.cleared(), split.protectedFields());
  }

  private static JsonNode read(String name) throws IOException {
    try (InputStream in =
        PseudonymizationBenchmark.class.getResourceAsStream("/pseudonymization/" + name)) {
      return JSON.readTree(in);
    }
  }
}
