package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.kopir.gateway.crypto.MessageSigner;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Http;

/**
 * WireMock stands in front of the real partner border: this transformer passes the request body on
 * to the partner node with the sending node's TLS client certificate and answers with the partner's
 * response (its signed receipt), optionally altering the body on the way.
 */
final class ForwardToPartner implements ResponseTransformerV2 {

  private final String name;
  private final String target;
  private final Http client;
  private final boolean conflictFirst;
  private final MessageSigner sender;

  ForwardToPartner(String name, String partnerBorderUrl, boolean conflictFirst) {
    this.name = name;
    this.target = partnerBorderUrl + "/border/v1/messages";
    Path kz = DemoPki.root().resolve("kz");
    this.client = Http.agency(DemoPki.nodeTls("kz"), DemoPki.ca("kg"));
    this.conflictFirst = conflictFirst;
    SigningCredential signing =
        PemFiles.readCredential(kz.resolve("node-signing.key"), kz.resolve("node-signing.crt"));
    this.sender = new MessageSigner(signing, signing);
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    String body = serveEvent.getRequest().getBodyAsString();
    if (conflictFirst) {
      client.post(target, "application/json", conflicting(body).getBytes(StandardCharsets.UTF_8));
    }
    Http.Answer answer =
        client.post(target, "application/json", body.getBytes(StandardCharsets.UTF_8));
    return Response.Builder.like(response)
        .but()
        .status(answer.status())
        .body(answer.body())
        .build();
  }

  private String conflicting(String signedMessage) {
    try {
      ObjectNode envelope =
          (ObjectNode) new ObjectMapper().readTree(signedMessage).path("envelope").deepCopy();
      ((ObjectNode) envelope.get("payload")).put("riskLevel", "low");
      return sender.signMessage(envelope).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return name;
  }
}
