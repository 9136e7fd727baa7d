package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The partner's answer to one call, whatever the transport: a status in HTTP terms, the signed
 * receipt if it sent one, and why the call failed if it did not reach the partner ({@code failure},
 * no personal data: a class name or a status).
 */
public record BorderAnswer(int status, JsonNode receipt, String failure) {

  /** The partner could not be reached or did not answer in time. */
  public static BorderAnswer unreachable(String failure) {
    return new BorderAnswer(0, null, failure);
  }

  /** Why this answer is no receipt, for the ledger and the audit trail. */
  public String reason() {
    if (failure != null) {
      return failure;
    }
    return receipt == null ? "no receipt (HTTP " + status + ")" : "HTTP " + status;
  }
}
