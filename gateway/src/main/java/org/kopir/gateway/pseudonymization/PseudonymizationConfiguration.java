package org.kopir.gateway.pseudonymization;

import java.nio.file.Path;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the pseudonymization capability. Every partnership's key store loads at start-up and fails
 * the start if its current key is missing: a node must not run with pseudonyms it cannot make.
 */
@Configuration(proxyBeanMethods = false)
public class PseudonymizationConfiguration {

  @Bean
  PartnerPseudonyms partnerPseudonyms(
      Partners partners, PseudonymizationProperties properties, AuditTrail trail) {
    return new PartnerPseudonyms(partners, properties, trail);
  }

  /** The operators' key administration; partnership files are where {@code Partners} reads them. */
  @Bean
  PseudonymKeyAdministration pseudonymKeyAdministration(
      PartnerPseudonyms pseudonyms,
      Partners partners,
      NodeProperties node,
      Environment environment) {
    return new PseudonymKeyAdministration(
        pseudonyms,
        partners,
        Path.of(environment.getProperty("kopir.config-dir", "routes/config")),
        node.getNode());
  }
}
