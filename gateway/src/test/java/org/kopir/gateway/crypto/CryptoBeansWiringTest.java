package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partners;
import org.kopir.gateway.testsupport.TestPartners;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;

/**
 * The beans start from configuration alone and, with no {@code kopir.crypto} file set, find the
 * committed development PKI under {@code certs-dev/<node>} (tests run from the project root).
 */
class CryptoBeansWiringTest {

  @EnableConfigurationProperties({CryptoProperties.class, NodeProperties.class})
  @Import({
    CryptoMaterial.class,
    MessageSigner.class,
    SignedMessageVerifier.class,
    IdentityBlockCipher.class,
    CertificatesHealthIndicator.class,
    Partners.class
  })
  static class Beans {}

  private static ApplicationContextRunner node(String node) {
    boolean kz = node.equals("kz");
    return new ApplicationContextRunner()
        .withUserConfiguration(Beans.class)
        .withPropertyValues(
            "kopir.node=" + node,
            "kopir.country=" + (kz ? "KZ" : "KG"),
            "kopir.config-dir=" + TestPartners.configDir(),
            "kopir.agencies." + (kz ? "kz-cpc" : "kg-cpd") + ".delivery-mode=reveal-at-delivery",
            "kopir.agencies."
                + (kz ? "kz-almaty-guardianship" : "kg-bishkek-guardianship")
                + ".delivery-mode=end-to-end",
            "kopir.partners." + (kz ? "kg" : "kz") + ".border-url=https://127.0.0.1:9444",
            "kopir.partners.tj.border-url=https://127.0.0.1:7444");
  }

  @Test
  void theCommittedDevelopmentPkiLetsKzSendToKg() {
    assertThat(Path.of("certs-dev/kz/ca.crt")).isRegularFile();
    ObjectNode[] signed = new ObjectNode[2];
    node("kz")
        .run(
            context -> {
              signed[0] =
                  context
                      .getBean(MessageSigner.class)
                      .signMessage(DevPkiFixture.envelope(java.time.Instant.now()));
              signed[1] =
                  context
                      .getBean(IdentityBlockCipher.class)
                      .seal(IdentityBlockCipherTest.identity(), "kg", "kg-cpd");
              assertThat(context.getBean(CertificatesHealthIndicator.class).health().getStatus())
                  .isEqualTo(Status.UP);
            });
    node("kg")
        .run(
            context -> {
              assertThat(context.getBean(SignedMessageVerifier.class).verifyMessage(signed[0]))
                  .isNotNull();
              assertThat(context.getBean(IdentityBlockCipher.class).open(signed[1]))
                  .isEqualTo(IdentityBlockCipherTest.identity());
            });
  }

  @Test
  void aMissingKeyFileStopsTheContext() {
    node("kz")
        .withPropertyValues("kopir.crypto.signing.key-file=certs-dev/kz/missing.key")
        .run(context -> assertThat(context).hasFailed());
  }
}
