package org.kopir.gateway.security;

/** Roles of the local API. */
public final class Roles {

  /** An agency system, authenticated by its TLS client certificate. */
  public static final String AGENCY = "AGENCY";

  public static final String AUDITOR = "AUDITOR";
  public static final String OPERATOR = "OPERATOR";

  private Roles() {}
}
