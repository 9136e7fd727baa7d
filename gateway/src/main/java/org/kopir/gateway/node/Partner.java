package org.kopir.gateway.node;

import java.util.List;
import java.util.Locale;

/**
 * One partner node as this node deals with it: who it is (from the partnership file, which both
 * sides share) and how to reach it (from {@code kopir.partners.<id>}).
 *
 * @param node the partner's node id, e.g. {@code kg}
 * @param country its ISO 3166 alpha-2 country, upper case
 * @param agencies its agencies: the only recipients in its country
 * @param transport how messages and receipts reach it: {@code https}, {@code soap} or {@code jms}
 * @param settings this node's settings for it
 * @param partnership the shared partnership file
 */
public record Partner(
    String node,
    String country,
    List<String> agencies,
    String transport,
    NodeProperties.PartnerSettings settings,
    Partnership partnership) {

  /**
   * Exchange property of the border routes: the id of the partner node whose connection carried the
   * request, as the transport authenticated it (client certificate, broker user); absent when the
   * transport cannot tell.
   */
  public static final String BORDER_PEER = "kopirBorderPeer";

  /** The request header the border port's filter passes the connected partner node's id in. */
  public static final String BORDER_PEER_HEADER = "Kopir-Border-Peer";

  public Partner {
    country = country.toUpperCase(Locale.ROOT);
    agencies = List.copyOf(agencies);
  }

  public boolean isAgency(String agency) {
    return agency != null && agencies.contains(agency);
  }

  /** The actor the audit trail names for what this partner node did: {@code node:<id>}. */
  public String actor() {
    return "node:" + node;
  }

  public String borderUrl() {
    return settings.getBorderUrl();
  }
}
