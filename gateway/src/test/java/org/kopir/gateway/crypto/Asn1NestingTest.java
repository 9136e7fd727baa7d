package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.testsupport.TestPki;

class Asn1NestingTest {

  @Test
  void aSignatureAndItsCertificateAreShallow() throws Exception {
    TestPki pki = TestPki.newCa("Nesting");
    SigningCredential signer = pki.issueSigner("kopir-node-kg");
    byte[] signature = CmsSignatures.signDetached("{}".getBytes(StandardCharsets.UTF_8), signer);

    assertThat(Asn1Nesting.tooDeep(signature)).isFalse();
    assertThat(Asn1Nesting.tooDeep(signer.certificate().getEncoded())).isFalse();
  }

  @Test
  void definiteNestingCountsEachLevel() {
    assertThat(Asn1Nesting.tooDeep(definite(Asn1Nesting.MAX_DEPTH))).isFalse();
    assertThat(Asn1Nesting.tooDeep(definite(Asn1Nesting.MAX_DEPTH + 1))).isTrue();
    assertThat(Asn1Nesting.tooDeep(definite(2_000))).isTrue();
  }

  @Test
  void indefiniteNestingCountsEachLevelAndEndOfContentsClosesOne() {
    ByteArrayOutputStream siblings = new ByteArrayOutputStream();
    for (int i = 0; i < 1_000; i++) {
      siblings.writeBytes(new byte[] {0x30, (byte) 0x80, 0x05, 0x00, 0x00, 0x00});
    }
    assertThat(Asn1Nesting.tooDeep(siblings.toByteArray())).isFalse();
    assertThat(Asn1Nesting.tooDeep(indefinite(Asn1Nesting.MAX_DEPTH))).isFalse();
    assertThat(Asn1Nesting.tooDeep(indefinite(Asn1Nesting.MAX_DEPTH + 1))).isTrue();
  }

  @Test
  void malformedEncodingsCannotBeBoundedAndCountAsTooDeep() {
    assertThat(Asn1Nesting.tooDeep(new byte[0])).isFalse();
    assertThat(Asn1Nesting.tooDeep(new byte[] {0x30})).isTrue();
    assertThat(Asn1Nesting.tooDeep(new byte[] {0x30, (byte) 0x84, 0x7f, -1, -1, -1})).isTrue();
    assertThat(Asn1Nesting.tooDeep(new byte[] {0x04, (byte) 0x80, 0x00, 0x00})).isTrue();
  }

  private static byte[] definite(int depth) {
    byte[] inner = {0x05, 0x00};
    for (int i = 0; i < depth; i++) {
      ByteArrayOutputStream outer = new ByteArrayOutputStream();
      outer.write(0x30);
      int length = inner.length;
      if (length < 0x80) {
        outer.write(length);
      } else {
        outer.write(0x82);
        outer.write(length >> 8);
        outer.write(length & 0xFF);
      }
      outer.writeBytes(inner);
      inner = outer.toByteArray();
    }
    return inner;
  }

  private static byte[] indefinite(int depth) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < depth; i++) {
      bytes.writeBytes(new byte[] {0x30, (byte) 0x80});
    }
    bytes.writeBytes(new byte[] {0x05, 0x00});
    for (int i = 0; i < depth; i++) {
      bytes.writeBytes(new byte[] {0x00, 0x00});
    }
    return bytes.toByteArray();
  }
}
