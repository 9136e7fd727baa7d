package org.kopir.gateway.pseudonymization;

import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.node.Partners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
