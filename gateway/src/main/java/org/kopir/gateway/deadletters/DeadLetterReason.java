package org.kopir.gateway.deadletters;

/** Why a message was dead-lettered, as written in the ledger and the audit. Never rename. */
public enum DeadLetterReason {
  /** The last attempt failed after the priority's retry budget (time since queued) was spent. */
  RETRY_BUDGET_SPENT,
  /** The broker gave up after the priority's maximum delivery attempts. */
  ATTEMPTS_EXHAUSTED
}
