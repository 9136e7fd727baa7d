package org.kopir.gateway.lifecycle;

/** The consent recorded for a case from the consent updates that crossed this node (SPEC §13.2). */
public enum ConsentState {
  /** Given (again), possibly by a correction: no restriction beyond the per-message checks. */
  GIVEN,
  /** Given for a narrower scope: purposes outside it are refused ({@code PURPOSE_LIMITATION}). */
  NARROWED,
  /** Withdrawn, refused or not obtainable: nothing travels without a vital-interest override. */
  WITHDRAWN
}
