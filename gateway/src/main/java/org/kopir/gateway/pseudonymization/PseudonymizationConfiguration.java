package org.kopir.gateway.pseudonymization;

import org.kopir.gateway.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the pseudonymization capability. The key store loads at start-up and fails the start if the
 * current key is missing: a node must not run with pseudonyms it cannot make.
 */
@Configuration(proxyBeanMethods = false)
public class PseudonymizationConfiguration {

  @Bean
  PseudonymKeyStore pseudonymKeyStore(PseudonymizationProperties properties, AuditTrail trail) {
    return PseudonymKeyStore.from(properties, trail);
  }

  @Bean
  Pseudonymizer pseudonymizer(PseudonymKeyStore keys) {
    return new Pseudonymizer(keys);
  }

  @Bean
  PseudonymizationPolicy pseudonymizationPolicy(
      Pseudonymizer pseudonymizer, PseudonymizationProperties properties) {
    return new PseudonymizationPolicy(pseudonymizer, properties);
  }
}
