package org.kopir.gateway.testsupport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.kopir.gateway.broker.MessageHeaders;

/**
 * A node's embedded broker refusing sends for a moment, as a broker does when it fails over or its
 * disk fills: the first send of each chosen message id ({@link MessageHeaders#MESSAGE_ID}) to
 * addresses starting with a prefix fails at the broker, and later sends go through. Installed on a
 * running node and removed with {@link #close()}.
 */
public final class BrokerFaults implements ActiveMQServerMessagePlugin, AutoCloseable {

  private final EmbeddedActiveMQ broker;
  private final String addressPrefix;
  private final Set<String> toFail = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failed = new AtomicInteger();

  private BrokerFaults(EmbeddedActiveMQ broker, String addressPrefix) {
    this.broker = broker;
    this.addressPrefix = addressPrefix;
  }

  /** Installs the plugin on the node's broker; nothing fails until {@link #failOnce}. */
  public static BrokerFaults on(TestNode node, String addressPrefix) {
    BrokerFaults faults = new BrokerFaults(node.bean(EmbeddedActiveMQ.class), addressPrefix);
    faults.broker.getActiveMQServer().registerBrokerPlugin(faults);
    return faults;
  }

  /** The next send of this message id to a matching address fails. */
  public BrokerFaults failOnce(String messageId) {
    toFail.add(messageId);
    return this;
  }

  /** How many sends were failed so far. */
  public int failed() {
    return failed.get();
  }

  @Override
  public void beforeSend(
      ServerSession session,
      Transaction tx,
      Message message,
      boolean direct,
      boolean noAutoCreateQueue)
      throws ActiveMQException {
    String address = message.getAddress();
    Object id = message.getObjectProperty(MessageHeaders.MESSAGE_ID);
    if (address != null
        && address.startsWith(addressPrefix)
        && id != null
        && toFail.remove(id.toString())) {
      failed.incrementAndGet();
      throw new ActiveMQException(
          ActiveMQExceptionType.IO_ERROR, "send refused by the test's broker fault");
    }
  }

  @Override
  public void close() {
    broker.getActiveMQServer().unRegisterBrokerPlugin(this);
  }
}
