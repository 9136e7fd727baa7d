package org.kopir.gateway.fuzz;

import static org.kopir.gateway.error.ErrorCode.CONSENT_REQUIRED;
import static org.kopir.gateway.error.ErrorCode.MALFORMED_JSON;
import static org.kopir.gateway.error.ErrorCode.PAYLOAD_TOO_LARGE;
import static org.kopir.gateway.error.ErrorCode.SCHEMA_VIOLATION;
import static org.kopir.gateway.error.ErrorCode.UNKNOWN_MESSAGE_TYPE;
import static org.kopir.gateway.error.ErrorCode.UNKNOWN_RECIPIENT;
import static org.kopir.gateway.error.ErrorCode.UNKNOWN_SENDER;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.json.IntakeProperties;
import org.kopir.gateway.json.JsonBodyReader;
import org.kopir.gateway.validation.EnvelopeValidator;

/**
 * The agency intake (REST body, JMS outbox message, SOAP {@code envelopeJson}): the bytes an agency
 * sends go through {@link JsonBodyReader} and {@link EnvelopeValidator}, as in {@code
 * direct:submit}. Documented refusals: those of the reader and the validator's Javadoc.
 */
class JsonIntakeFuzzTest {

  private static final JsonBodyReader READER = new JsonBodyReader(new IntakeProperties());
  private static final EnvelopeValidator VALIDATOR = Fixtures.validator("kz");
  private static final Set<ErrorCode> REFUSALS =
      Contract.codes(
          MALFORMED_JSON,
          PAYLOAD_TOO_LARGE,
          SCHEMA_VIOLATION,
          UNKNOWN_MESSAGE_TYPE,
          UNKNOWN_SENDER,
          UNKNOWN_RECIPIENT,
          CONSENT_REQUIRED);

  /** The message examples of docs/examples and the hand-made hostile corpus. */
  static Stream<Arguments> seeds() {
    return Stream.concat(
            Fixtures.files(Path.of("docs/examples")),
            Fixtures.files(Path.of("gateway/src/test/resources/validation/corpus")))
        .map(Arguments::of);
  }

  @MethodSource("seeds")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void readAndValidate(byte[] body) throws Exception {
    Contract.refusesOnlyWith(
        REFUSALS,
        () -> {
          ObjectNode envelope = READER.read(body, "application/json");
          VALIDATOR.validate(envelope);
        });
  }
}
