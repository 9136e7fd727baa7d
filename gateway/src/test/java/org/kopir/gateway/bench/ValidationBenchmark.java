package org.kopir.gateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.kopir.gateway.json.IntakeProperties;
import org.kopir.gateway.json.JsonBodyReader;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.testsupport.TestPartners;
import org.kopir.gateway.validation.EnvelopeValidator;
import org.kopir.gateway.validation.MessageSchemas;
import org.kopir.gateway.validation.ValidatedEnvelope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of envelope validation on the referral example ({@code docs/examples/}), at node kz.
 * Run from the repository root, with the build JDK first on the PATH (the forked benchmark JVM is
 * the {@code java} found there):
 *
 * <pre>
 * PATH=$JAVA_HOME/bin:$PATH ./mvnw -q -pl gateway test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.openjdk.jmh.Main ValidationBenchmark -f 1 -wi 2 -i 3"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ValidationBenchmark {

  private EnvelopeValidator validator;
  private JsonBodyReader reader;
  private ObjectNode referral;
  private byte[] referralBytes;

  @Setup
  public void setUp() throws IOException {
    Path root = repositoryRoot();
    NodeProperties kz = TestPartners.node("kz");
    validator =
        new EnvelopeValidator(
            MessageSchemas.load(root.resolve("schemas")), kz, TestPartners.partners(kz));
    reader = new JsonBodyReader(new IntakeProperties());
    referralBytes = Files.readAllBytes(root.resolve("docs/examples/referral.request.json"));
    referral = (ObjectNode) new ObjectMapper().readTree(referralBytes);
  }

  /** Schema and rules on an already parsed document. */
  @Benchmark
  public ValidatedEnvelope validateParsed() {
    return validator.validate(referral);
  }

  /** Hardened parse of the request bytes, then validation: the intake path. */
  @Benchmark
  public ValidatedEnvelope readAndValidate() {
    return validator.validate(reader.read(referralBytes, "application/json"));
  }

  /** Works whether started from the repository root or from {@code gateway/}. */
  private static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("schemas")) ? here : here.getParent();
  }
}
