package org.kopir.gateway.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The shape of a node's broker, computed from the node's configuration: every queue it uses, the
 * redelivery settings of each, and who may do what on it. The embedded broker applies it in
 * process; {@code broker-config} writes the same layout as a standalone Artemis broker's {@code
 * broker.xml} and roles file, so both brokers get their settings from one source.
 *
 * @param node this node's id
 * @param agencies this node's agencies
 * @param partners the partner nodes' ids
 */
public record BrokerLayout(
    String node,
    Collection<String> agencies,
    Collection<String> partners,
    QueueNames names,
    BrokerProperties broker) {

  /** The node's own role: every right on every address (its routes create and use them all). */
  public static final String NODE_ROLE = "kopir-node";

  /** Message ids the broker remembers to drop a duplicate send (persisted with the journal). */
  public static final int ID_CACHE_SIZE = 100_000;

  /** The user the node logs in to its own standalone broker with. */
  public static final String NODE_USER = "kopir-node";

  /** A right on an address, named as in Artemis's {@code security-setting} permissions. */
  public enum Permission {
    SEND("send"),
    CONSUME("consume"),
    BROWSE("browse"),
    CREATE_ADDRESS("createAddress"),
    DELETE_ADDRESS("deleteAddress"),
    CREATE_DURABLE_QUEUE("createDurableQueue"),
    DELETE_DURABLE_QUEUE("deleteDurableQueue"),
    CREATE_NON_DURABLE_QUEUE("createNonDurableQueue"),
    DELETE_NON_DURABLE_QUEUE("deleteNonDurableQueue"),
    MANAGE("manage");

    private final String artemisName;

    Permission(String artemisName) {
      this.artemisName = artemisName;
    }

    public String artemisName() {
      return artemisName;
    }
  }

  /**
   * One anycast queue (address and queue of the same name), its redelivery schedule ({@code null}:
   * the broker's defaults) and the rights of roles other than the node's.
   */
  public record Queue(String name, Redelivery redelivery, Map<String, Set<Permission>> rights) {

    /** The queue's address settings for an Artemis configuration. */
    public AddressSettings settings() {
      return redelivery == null ? new AddressSettings() : redelivery.settings();
    }
  }

  /**
   * How the broker redelivers a message whose consumer rolled back: after {@code delayMillis},
   * multiplied by {@code multiplier} each time up to {@code maxDelayMillis}, varied by up to {@code
   * jitter}; after {@code maxAttempts} deliveries it moves the message to {@code deadLetter}.
   */
  public record Redelivery(
      long delayMillis,
      double multiplier,
      double jitter,
      long maxDelayMillis,
      int maxAttempts,
      String deadLetter) {

    AddressSettings settings() {
      return new AddressSettings()
          .setRedeliveryDelay(delayMillis)
          .setRedeliveryMultiplier(multiplier)
          .setRedeliveryCollisionAvoidanceFactor(jitter)
          .setMaxRedeliveryDelay(maxDelayMillis)
          .setMaxDeliveryAttempts(maxAttempts)
          .setDeadLetterAddress(SimpleString.of(deadLetter))
          .setAutoCreateDeadLetterResources(false);
    }
  }

  /** The role of agency {@code agency}. */
  public static String agencyRole(String agency) {
    return "agency." + agency;
  }

  /** The role of the partner node {@code nodeId} (JMS border transport). */
  public static String partnerRole(String nodeId) {
    return "partner." + nodeId;
  }

  /** The user a node has at its partner's broker. */
  public static String partnerUser(String nodeId) {
    return nodeId + "-node";
  }

  /** Every user of the broker besides the node itself, with its one role. */
  public Map<String, String> users() {
    Map<String, String> users = new LinkedHashMap<>();
    users.put(NODE_USER, NODE_ROLE);
    for (String agency : agencies) {
      users.put(agency, agencyRole(agency));
    }
    for (String partner : partners) {
      users.put(partnerUser(partner), partnerRole(partner));
    }
    return users;
  }

  /** Every queue of the node, in a stable order. */
  public List<Queue> queues() {
    List<Queue> list = new ArrayList<>();
    for (String partner : partners) {
      for (Priority priority : Priority.values()) {
        list.add(
            new Queue(
                names.outbound(partner, priority),
                outbound(broker.retry(partner, priority), names.getOutboundDeadLetter()),
                Map.of()));
      }
      list.add(
          new Queue(
              names.outbound(partner),
              outbound(broker.retry(partner, Priority.NORMAL), names.getOutboundDeadLetter()),
              Map.of()));
      list.add(new Queue(names.receipts(partner), receiptSettings(), Map.of()));
    }
    list.add(new Queue(names.getOutboundDeadLetter(), plain(), Map.of()));
    list.add(new Queue(names.getReceiptsDeadLetter(), plain(), Map.of()));
    list.add(new Queue(names.getPushDeadLetter(), plain(), Map.of()));
    list.add(new Queue(names.getOutboxDeadLetter(), plain(), Map.of()));
    Map<String, Set<Permission>> borderSenders = new LinkedHashMap<>();
    partners.forEach(
        partner -> borderSenders.put(partnerRole(partner), EnumSet.of(Permission.SEND)));
    list.add(new Queue(names.getBorder(), plain(), borderSenders));
    for (String partner : partners) {
      for (String call : QueueNames.BORDER_CALLS) {
        list.add(
            new Queue(
                names.borderReplies(partner, call),
                plain(),
                Map.of(partnerRole(partner), EnumSet.of(Permission.CONSUME))));
      }
    }
    for (String agency : agencies) {
      list.add(
          new Queue(
              names.agencyOutbox(agency),
              plain(),
              Map.of(agencyRole(agency), EnumSet.of(Permission.SEND))));
      list.add(
          new Queue(
              names.agencyInbox(agency),
              plain(),
              Map.of(agencyRole(agency), EnumSet.of(Permission.CONSUME, Permission.BROWSE))));
    }
    return list;
  }

  /** Address settings of one priority's outbound queues, derived from its retry schedule. */
  public static AddressSettings outboundSettings(RetryPolicy retry, String deadLetterAddress) {
    return outbound(retry, deadLetterAddress).settings();
  }

  private static Redelivery outbound(RetryPolicy retry, String deadLetterAddress) {
    return new Redelivery(
        retry.getInitialDelay().toMillis(),
        retry.getMultiplier(),
        retry.getJitter(),
        retry.getMaxDelay().toMillis(),
        retry.brokerMaxAttempts(),
        deadLetterAddress);
  }

  private Redelivery receiptSettings() {
    BrokerProperties.Redelivery redelivery = broker.getRedelivery();
    return new Redelivery(
        redelivery.getInitialDelay().toMillis(),
        redelivery.getMultiplier(),
        0,
        redelivery.getMaxDelay().toMillis(),
        redelivery.getMaxAttempts(),
        names.getReceiptsDeadLetter());
  }

  /** Queues without a redelivery schedule of their own: the broker's defaults apply. */
  private static Redelivery plain() {
    return null;
  }
}
