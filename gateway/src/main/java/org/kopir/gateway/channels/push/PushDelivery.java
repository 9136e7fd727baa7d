package org.kopir.gateway.channels.push;

import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.kopir.gateway.border.InboundStatus;
import org.kopir.gateway.border.InboxLedger;
import org.kopir.gateway.broker.MessageHeaders;
import org.kopir.gateway.channels.ChannelsProperties;
import org.kopir.gateway.inbox.RetrievalListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Step of the push routes ({@code routes/push-delivery.yaml}). The agency's success answer counts
 * as retrieval (SPEC §5 RETRIEVED), exactly as an acknowledgement over REST does. An item already
 * retrieved (its push succeeded but the broker did not learn it before a restart) is consumed
 * without a second push.
 */
@Component("pushDelivery")
public class PushDelivery {

  /** Exchange property set by the route: the agency whose inbox is pushed. */
  public static final String AGENCY = "kopirPushAgency";

  private static final Logger LOG = LoggerFactory.getLogger(PushDelivery.class);

  private final ChannelsProperties channels;
  private final PushClient client;
  private final InboxLedger ledger;
  private final List<RetrievalListener> retrievalListeners;

  public PushDelivery(
      ChannelsProperties channels,
      PushClient client,
      InboxLedger ledger,
      List<RetrievalListener> retrievalListeners) {
    this.channels = channels;
    this.client = client;
    this.ledger = ledger;
    this.retrievalListeners = retrievalListeners;
  }

  public void deliver(Exchange exchange) {
    String agency = exchange.getProperty(AGENCY, String.class);
    ChannelsProperties.PushTarget target = channels.getPush().get(agency);
    String messageId = exchange.getIn().getHeader(MessageHeaders.MESSAGE_ID, String.class);
    String messageType = exchange.getIn().getHeader(MessageHeaders.MESSAGE_TYPE, String.class);
    String item = exchange.getIn().getBody(String.class);
    if (alreadyRetrieved(messageId)) {
      LOG.info("Inbox item {} for {} was already pushed; consumed", messageId, agency);
      return;
    }
    client.push(target, messageId, messageType, item);
    if (messageId != null && ledger.markRetrieved(messageId)) {
      retrievalListeners.forEach(listener -> listener.retrieved(agency, messageId));
    }
    LOG.info("Inbox item {} pushed to {}", messageId, agency);
  }

  private boolean alreadyRetrieved(String messageId) {
    if (messageId == null) {
      return false;
    }
    Optional<InboxLedger.Entry> entry = ledger.find(messageId);
    return entry.isPresent() && entry.get().status() == InboundStatus.RETRIEVED;
  }
}
