package org.kopir.gateway.broker;

import jakarta.validation.constraints.NotBlank;
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
   * Base name of the outbound queues holding signed messages for the partner until its receipt is
   * verified: one queue per priority, {@code <outbound>.high|normal|low}. The base queue itself
   * holds messages queued by a release without priorities (normal schedule).
   */
  @NotBlank private String outbound;

  /** Where the broker moves outbound messages whose attempts are exhausted. */
  @NotBlank private String outboundDeadLetter;

  /** Signed RETRIEVED receipts waiting to be delivered to the partner node. */
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

  /** The outbound queue of one priority: {@code <outbound>.<priority>}. */
  public String outbound(Priority priority) {
    return outbound + "." + priority.wireName();
  }

  /**
   * The border calls that have a reply queue each: a partner's requests for messages and for
   * receipts are answered on separate queues, since each request-reply endpoint consumes every
   * reply on its queue as its own.
   */
  public static final java.util.List<String> BORDER_CALLS = java.util.List.of("message", "receipt");

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
