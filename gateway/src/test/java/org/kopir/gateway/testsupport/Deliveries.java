package org.kopir.gateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kopir.gateway.audit.AuditStore;

/**
 * What the node-to-node and process tests check: inboxes drained, statuses at the sender, a
 * message's audit records.
 */
public final class Deliveries {

  private Deliveries() {}

  /**
   * Pulls and acknowledges inbox items of {@code agencies} at {@code node} until {@code expected}
   * came out or {@code timeout} passed; then, after a pause, adds what is still listed (a late
   * duplicate would show there).
   *
   * @return the message ids drained, with repeats if any
   */
  public static List<String> drainInboxes(
      NodeProcess node, List<String> agencies, int expected, Duration timeout) {
    List<String> drained = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && drained.size() < expected) {
      int before = drained.size();
      for (String agency : agencies) {
        Http client = node.agency(agency);
        JsonNode items =
            client.get(node.localUrl() + "/api/v1/inbox?limit=100").json().path("items");
        for (JsonNode item : items) {
          String id = item.path("messageId").asText();
          drained.add(id);
          int ack =
              client
                  .post(node.localUrl() + "/api/v1/inbox/" + id + "/ack", null, new byte[0])
                  .status();
          assertThat(ack).as("ack of a listed item").isEqualTo(204);
        }
      }
      if (drained.size() == before) {
        NodeProcess.sleep(500);
      }
    }
    NodeProcess.sleep(3000);
    for (String agency : agencies) {
      JsonNode late =
          node.agency(agency).get(node.localUrl() + "/api/v1/inbox?limit=100").json().path("items");
      late.forEach(item -> drained.add(item.path("messageId").asText()));
    }
    return drained;
  }

  /**
   * The audit records of one message at an in-JVM node, in chain order, each as {@code "event
   * outcome"} followed by its code if it has one (for example {@code "border.refused failed
   * INTERNAL_ERROR"}).
   */
  public static List<String> events(TestNode node, String messageId) {
    return node.bean(AuditStore.class).byMessageId(messageId).stream()
        .map(
            record -> {
              String code = record.detail() == null ? "" : record.detail().path("code").asText("");
              return (record.event() + " " + record.outcome() + " " + code).strip();
            })
        .toList();
  }

  /**
   * The statuses of sent messages at {@code node}, counted by status; a status other than DELIVERED
   * or RETRIEVED is shown with its reason (for example {@code REFUSED DUPLICATE_ID}), so that a
   * failed run says why.
   *
   * @param senders message id to the agency that sent it (which may read its status)
   */
  public static Map<String, Integer> statusCounts(NodeProcess node, Map<String, String> senders) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Map.Entry<String, String> sent : senders.entrySet()) {
      JsonNode answer =
          node.agency(sent.getValue())
              .get(node.localUrl() + "/api/v1/messages/" + sent.getKey())
              .json();
      String status = answer.path("status").asText();
      String reason = answer.path("reason").asText("");
      boolean arrived = status.equals("DELIVERED") || status.equals("RETRIEVED");
      counts.merge(arrived || reason.isEmpty() ? status : status + " " + reason, 1, Integer::sum);
    }
    return counts;
  }
}
