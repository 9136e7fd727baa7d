package org.kopir.gateway.pseudonymization;

/** The kinds of pseudonym (SPEC §6). The wire name is the first segment of every pseudonym. */
public enum PseudonymKind {
  /** {@code <COUNTRY>|<agency>|<caseRef>}: the case token that replaces a local case id. */
  CASE("case"),
  /** {@code <issuing COUNTRY>|<digits of the national id>}: a link key. */
  PID("pid"),
  /** {@code <name skeleton>|<YYYY-MM-DD>|<M|F>}: a link key from name, birth date and sex. */
  NDB("ndb");

  private final String wireName;

  PseudonymKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
