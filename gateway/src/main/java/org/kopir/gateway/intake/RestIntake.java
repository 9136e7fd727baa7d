package org.kopir.gateway.intake;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.kopir.gateway.json.JsonBodyReader;
import org.kopir.gateway.security.Callers;
import org.springframework.stereotype.Component;

/**
 * First step of the REST intake route: reads the request body as JSON and names the calling agency
 * from its TLS client certificate, then drops every request header so nothing of the request
 * (credentials included) flows further.
 */
@Component("restIntake")
public class RestIntake {

  private final JsonBodyReader reader;

  public RestIntake(JsonBodyReader reader) {
    this.reader = reader;
  }

  public void read(Exchange exchange) {
    String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
    byte[] body = exchange.getIn().getBody(byte[].class);
    if (exchange.getIn() instanceof PlatformHttpMessage http) {
      HttpServletRequest request = http.getRequest();
      Callers.certificateCommonName(request)
          .ifPresent(agency -> exchange.setProperty(Submissions.CALLER, agency));
    }
    exchange.getIn().removeHeaders("*");
    exchange.getIn().setBody(reader.read(body, contentType));
  }
}
