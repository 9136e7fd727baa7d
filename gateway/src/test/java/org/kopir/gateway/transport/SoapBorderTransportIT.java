package org.kopir.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;

/** The SOAP border transport between two nodes, and who may call the border SOAP endpoint. */
class SoapBorderTransportIT extends TwoNodeTransportScenario {

  private static final String PATH = "/border/ws/v1";

  @Override
  void configure(TestNode kz, TestNode kg) {
    kz.partner(kg).set("kopir.partners.kg.transport", "soap");
    kg.partner(kz).set("kopir.partners.kz.transport", "soap");
  }

  @Override
  String transport() {
    return "soap";
  }

  @Test
  void theBorderSoapEndpointAcceptsOnlyThePartnerNodeAndOnlyOnTheBorderPort() {
    byte[] request =
        BorderXml.request(BorderXml.DELIVER_MESSAGE, BorderXml.SIGNED_MESSAGE, "{}")
            .getBytes(StandardCharsets.UTF_8);
    Http partnerAgency = Http.agency(DemoPki.agency("kz", "kz-cpc"), DemoPki.ca("kg"));

    Http.Answer agencyCertificate =
        partnerAgency.post(kg.borderUrl() + PATH, "text/xml; charset=UTF-8", request);
    Http.Answer localPort = kgCpd.post(kg.localUrl() + PATH, "text/xml; charset=UTF-8", request);

    assertThat(agencyCertificate.status()).isEqualTo(403);
    assertThat(agencyCertificate.json().path("code").asText()).isEqualTo("UNTRUSTED_CERTIFICATE");
    assertThat(localPort.status()).isEqualTo(404);
  }

  @Test
  void theLocalSoapServicesAreNotReachableThroughTheBorderEndpoint() {
    Path kzDir = DemoPki.root().resolve("kz");
    Http partnerNode =
        Http.agency(
            PemFiles.readCredential(kzDir.resolve("node-tls.key"), kzDir.resolve("node-tls.crt")),
            DemoPki.ca("kg"));

    Http.Answer exchange =
        partnerNode.post(
            kg.borderUrl() + "/border/ws/exchange",
            "text/xml; charset=UTF-8",
            "<x/>".getBytes(StandardCharsets.UTF_8));

    assertThat(exchange.status()).isEqualTo(404);
  }
}
