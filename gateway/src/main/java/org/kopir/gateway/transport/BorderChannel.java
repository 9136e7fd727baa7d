package org.kopir.gateway.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.kopir.gateway.border.BorderIntake;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.error.ProblemBody;
import org.kopir.gateway.json.JsonBodyReader;

/**
 * What the SOAP and JMS border routes share: the received JSON becomes the input the HTTPS border
 * beans expect, and their answer (status and signed receipt) is read back for the channel's reply.
 */
final class BorderChannel {

  /** Exchange property: DeliverMessage or DeliverReceipt. */
  static final String OPERATION = "kopirBorderOperation";

  static final String DELIVER_MESSAGE = "DeliverMessage";
  static final String DELIVER_RECEIPT = "DeliverReceipt";

  private BorderChannel() {}

  /**
   * A signed message is parsed with the intake limits into {@link BorderIntake#RECEIVED}; a signed
   * receipt is left as JSON bytes for {@code receiptIntake.accept}. Every header is dropped.
   */
  static void receive(Exchange exchange, JsonBodyReader reader, String operation, String json) {
    Message in = exchange.getIn();
    in.removeHeaders("*");
    if (json == null) {
      throw new KopirException(ErrorCode.MALFORMED_JSON, "The request carries no JSON.");
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    switch (operation) {
      case DELIVER_MESSAGE -> {
        in.setBody(null);
        ObjectNode received = reader.read(bytes, "application/json");
        exchange.setProperty(BorderIntake.RECEIVED, received);
      }
      case DELIVER_RECEIPT -> {
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(bytes);
      }
      default -> throw new KopirException(ErrorCode.MALFORMED_JSON, "Unknown border operation.");
    }
  }

  /**
   * The border beans' answer in HTTP terms: 200 with a receipt, 204, a refusal's status with its
   * receipt, or a failure's status (5xx) without one: the problem document the HTTPS border sends
   * then is not passed on as a receipt.
   */
  static Answer answer(Exchange exchange) {
    Message message = exchange.getMessage();
    Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    boolean problem =
        ProblemBody.MEDIA_TYPE.equals(message.getHeader(Exchange.CONTENT_TYPE, String.class));
    String receipt = problem ? null : message.getBody(String.class);
    message.removeHeaders("*");
    message.setBody(null);
    return new Answer(
        status == null ? 200 : status, receipt == null || receipt.isEmpty() ? null : receipt);
  }

  record Answer(int status, String signedReceipt) {}
}
