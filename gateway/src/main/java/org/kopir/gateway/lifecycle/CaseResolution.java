package org.kopir.gateway.lifecycle;

/**
 * Which case a message belongs to at this node, and what the recorded state allows it.
 *
 * @param key the case key
 * @param known whether this node held anything of the case before this message
 * @param state the recorded state, or null
 */
public record CaseResolution(
    String key, boolean known, CaseState state, CaseRules.Verdict verdict) {

  /** Exchange property under which the routes carry it from the check to the record step. */
  public static final String PROPERTY = "kopirCase";
}
