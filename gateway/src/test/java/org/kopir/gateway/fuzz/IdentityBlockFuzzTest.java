package org.kopir.gateway.fuzz;

import static org.kopir.gateway.error.ErrorCode.SCHEMA_VIOLATION;
import static org.kopir.gateway.error.ErrorCode.UNREADABLE_IDENTITY_BLOCK;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kopir.gateway.crypto.IdentityBlockCipher;
import org.kopir.gateway.crypto.KeyAndCertificate;
import org.kopir.gateway.error.ErrorCode;

/**
 * Opening a protected identity block (CMS AuthEnvelopedData, SPEC §4) at delivery to a
 * reveal-at-delivery agency: the fuzzer writes the block's DER, which {@link
 * IdentityBlockCipher#open} decodes, matches to the agency's key, unwraps and decrypts, and whose
 * plaintext it parses as JSON. Documented refusals: {@code SCHEMA_VIOLATION} (malformed block) and
 * {@code UNREADABLE_IDENTITY_BLOCK}.
 */
class IdentityBlockFuzzTest {

  private static final String AGENCY = "kz-cpc";
  private static final Set<ErrorCode> REFUSALS =
      Contract.codes(SCHEMA_VIOLATION, UNREADABLE_IDENTITY_BLOCK);

  private static KeyAndCertificate key() {
    return Fixtures.pki().kz().localAgencyKey(AGENCY).orElseThrow();
  }

  /** Blocks sealed now to the agency's certificate: a name, an empty object, a JSON array. */
  static Stream<Arguments> blocks() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode names = json.objectNode();
    names
        .putObject("/payload/child/names")
        .putArray("value")
        .addObject()
        .put("script", "kk-Cyrl")
        .put("given", "Айгерім");
    ObjectNode empty = json.objectNode();
    return Stream.of(names, empty)
        .map(plaintext -> IdentityBlockCipher.sealTo(plaintext, AGENCY, key().certificate()))
        .map(block -> Arguments.of(Base64.getDecoder().decode(block.get("value").asText())));
  }

  @MethodSource("blocks")
  @FuzzTest
  @Timeout(value = Fixtures.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void sealedBlock(byte[] der) throws Exception {
    ObjectNode block = JsonNodeFactory.instance.objectNode();
    block.put("format", IdentityBlockCipher.FORMAT);
    block.put("recipient", AGENCY);
    block.put("value", Base64.getEncoder().encodeToString(der));
    KeyAndCertificate key = key();
    Contract.refusesOnlyWith(
        REFUSALS, () -> IdentityBlockCipher.open(block, key.privateKey(), key.certificate()));
  }
}
