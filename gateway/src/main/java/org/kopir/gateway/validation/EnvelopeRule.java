package org.kopir.gateway.validation;

/** One check a schema cannot express. Runs only on schema-valid envelopes. */
public interface EnvelopeRule {

  /** Adds a finding for each fault of {@code envelope}; never throws for bad content. */
  void check(ValidatedEnvelope envelope, Findings findings);
}
