package org.kopir.gateway.broker;

/** Queue names shared by routes, controllers and the broker configuration. */
public final class Queues {

  /** Prefix of every outbound queue; its address settings carry the redelivery policy. */
  public static final String OUTBOUND_PREFIX = "kopir.outbound.";

  /** Where the broker moves outbound messages whose redelivery budget is spent. */
  public static final String OUTBOUND_DEAD_LETTER = "kopir.dead-letter.outbound";

  /**
   * Where the broker moves RETRIEVED receipts the partner never took. Kept apart from outbound
   * messages: a receipt is not a message an operator can replay from the dead-letter view.
   */
  public static final String RECEIPTS_DEAD_LETTER = "kopir.dead-letter.receipts";

  private Queues() {}

  /**
   * The queue used before messages were split by priority; still consumed so that messages queued
   * by an older release are delivered (with the normal schedule).
   */
  public static String outbound(String partnerNode) {
    return OUTBOUND_PREFIX + partnerNode;
  }

  /** The outbound queue of one priority: {@code kopir.outbound.<partner>.<priority>}. */
  public static String outbound(String partnerNode, Priority priority) {
    return OUTBOUND_PREFIX + partnerNode + "." + priority.wireName();
  }

  /** Signed RETRIEVED receipts waiting to be delivered to the partner node. */
  public static String receipts(String partnerNode) {
    return "kopir.outbound-receipts." + partnerNode;
  }

  /** SPEC §8: agencies receive on {@code agency.<agency>.inbox}. */
  public static String agencyInbox(String agency) {
    return "agency." + agency + ".inbox";
  }

  /** SPEC §8: agencies may submit on {@code agency.<agency>.outbox}. */
  public static String agencyOutbox(String agency) {
    return "agency." + agency + ".outbox";
  }
}
