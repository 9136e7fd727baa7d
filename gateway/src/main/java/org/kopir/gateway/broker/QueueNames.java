package org.kopir.gateway.broker;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Every queue name of a node ({@code kopir.queues.*}), in one place. The values are set in {@code
 * application.yml}; the routes read the same properties as {@code {{kopir.queues.*}}} placeholders,
 * and the producers, the consumers and the broker settings in Java read them here, so a renamed
 * queue is renamed everywhere at once.
 */
@Validated
@ConfigurationProperties("kopir.queues")
public class QueueNames {

  /**
   * Base name of the outbound queues holding signed messages for a partner until its receipt is
   * verified: one queue per partner and priority, {@code <outbound>.<partner>.high|normal|low}. The
   * partner's queue {@code <outbound>.<partner>} itself holds messages queued by a release without
   * priorities (normal schedule).
   */
  @NotBlank private String outbound;

  /** Where the broker moves outbound messages whose attempts are exhausted. */
  @NotBlank private String outboundDeadLetter;

  /**
   * Base name of the queues of signed RETRIEVED receipts waiting to be delivered to a partner node:
   * {@code <receipts>.<partner>}.
   */
  @NotBlank private String receipts;

  /**
   * Where the broker moves RETRIEVED receipts the partner never took. Kept apart from outbound
   * messages: a receipt is not a message an operator replays from the dead-letter view.
   */
  @NotBlank private String receiptsDeadLetter;

  /** The border queue of the JMS transport: the partner's to send to, this node's to consume. */
  @NotBlank private String border;

  /**
   * Base name of the JMS border transport's reply queues: the partner node {@code <id>} takes the
   * answers to its requests from {@code <border-replies>.<id>.message|receipt} on this node's
   * broker, the only queues besides the border queue it may use there.
   */
  @NotBlank private String borderReplies;

  /** SPEC §8: the first word of every agency queue, {@code <agency-prefix>.<agency>.inbox}. */
  @NotBlank private String agencyPrefix;

  /** Inbox items whose push to the agency's endpoint never succeeded. */
  @NotBlank private String pushDeadLetter;

  /** Outbox messages whose processing failed (not refusals: those are answered and consumed). */
  @NotBlank private String outboxDeadLetter;

  /** The outbound queue of one partner and priority: {@code <outbound>.<partner>.<priority>}. */
  public String outbound(String partner, Priority priority) {
    return outbound(partner) + "." + priority.wireName();
  }

  /** A partner's queue of messages queued without a priority: {@code <outbound>.<partner>}. */
  public String outbound(String partner) {
    return outbound + "." + partner;
  }

  /** The RETRIEVED receipts for one partner: {@code <receipts>.<partner>}. */
  public String receipts(String partner) {
    return receipts + "." + partner;
  }

  /**
   * The border calls that have a reply queue each: a partner's requests for messages and for
   * receipts are answered on separate queues, since each request-reply endpoint consumes every
   * reply on its queue as its own.
   */
  public static final List<String> BORDER_CALLS = List.of("message", "receipt");

  /**
   * The queue on which node {@code nodeId} takes the answers to its {@code call} requests (one of
   * {@link #BORDER_CALLS}) on this node's border queue: {@code <border-replies>.<node>.<call>}.
   */
  public String borderReplies(String nodeId, String call) {
    return borderReplies + "." + nodeId + "." + call;
  }

  /** SPEC §8: agencies receive on {@code agency.<agency>.inbox}. */
  public String agencyInbox(String agency) {
    return agencyPrefix + "." + agency + ".inbox";
  }

  /** SPEC §8: agencies may submit on {@code agency.<agency>.outbox}. */
  public String agencyOutbox(String agency) {
    return agencyPrefix + "." + agency + ".outbox";
  }

  public String getOutbound() {
    return outbound;
  }

  public void setOutbound(String outbound) {
    this.outbound = outbound;
  }

  public String getOutboundDeadLetter() {
    return outboundDeadLetter;
  }

  public void setOutboundDeadLetter(String outboundDeadLetter) {
    this.outboundDeadLetter = outboundDeadLetter;
  }

  public String getReceipts() {
    return receipts;
  }

  public void setReceipts(String receipts) {
    this.receipts = receipts;
  }

  public String getReceiptsDeadLetter() {
    return receiptsDeadLetter;
  }

  public void setReceiptsDeadLetter(String receiptsDeadLetter) {
    this.receiptsDeadLetter = receiptsDeadLetter;
  }

  public String getBorder() {
    return border;
  }

  public void setBorder(String border) {
    this.border = border;
  }

  public String getBorderReplies() {
    return borderReplies;
  }

  public void setBorderReplies(String borderReplies) {
    this.borderReplies = borderReplies;
  }

  public String getAgencyPrefix() {
    return agencyPrefix;
  }

  public void setAgencyPrefix(String agencyPrefix) {
    this.agencyPrefix = agencyPrefix;
  }

  public String getPushDeadLetter() {
    return pushDeadLetter;
  }

  public void setPushDeadLetter(String pushDeadLetter) {
    this.pushDeadLetter = pushDeadLetter;
  }

  public String getOutboxDeadLetter() {
    return outboxDeadLetter;
  }

  public void setOutboxDeadLetter(String outboxDeadLetter) {
    this.outboxDeadLetter = outboxDeadLetter;
  }
}
