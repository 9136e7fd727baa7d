package org.kopir.gateway.channels.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.channels.ChannelsProperties;

/** SOAP push against an agency endpoint implementing docs/wsdl/agency-inbox.wsdl. */
class PushClientTest {

  private static final String ID = "0193a4c2-7f3e-7cc1-9b5e-3a2f1c0d9e88";
  private static final String ITEM = "{\"messageId\":\"" + ID + "\",\"note\":\"a<b&c\"}";

  private WireMockServer agency;
  private final PushClient client = new PushClient();

  @BeforeEach
  void start() {
    agency = new WireMockServer(wireMockConfig().dynamicPort());
    agency.start();
  }

  @AfterEach
  void stop() {
    agency.stop();
  }

  @Test
  void soapPushSucceedsOnDeliverMessageResponse() {
    agency.stubFor(
        post(urlEqualTo("/inbox"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                            + "<a:DeliverMessageResponse xmlns:a=\"urn:kopir:agency-inbox:v1\">"
                            + "<a:messageId>"
                            + ID
                            + "</a:messageId></a:DeliverMessageResponse></s:Body></s:Envelope>")));

    assertThatCode(() -> client.push(target(), ID, "referral.request", ITEM))
        .doesNotThrowAnyException();
    agency.verify(
        postRequestedFor(urlEqualTo("/inbox"))
            .withHeader("SOAPAction", equalTo("\"urn:kopir:agency-inbox:v1:DeliverMessage\""))
            .withRequestBody(containing("<inbox:messageId>" + ID + "</inbox:messageId>"))
            .withRequestBody(containing("a&lt;b&amp;c")));
  }

  @Test
  void soapFaultIsAFailedPush() {
    agency.stubFor(
        post(urlEqualTo("/inbox"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody(
                        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                            + "<s:Fault><faultcode>s:Server</faultcode><faultstring>down"
                            + "</faultstring></s:Fault></s:Body></s:Envelope>")));

    assertThatThrownBy(() -> client.push(target(), ID, "referral.request", ITEM))
        .isInstanceOf(PushFailedException.class);
  }

  @Test
  void answerWithADoctypeIsAFailedPush() {
    agency.stubFor(
        post(urlEqualTo("/inbox"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "<!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                            + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                            + "<s:Body><a:DeliverMessageResponse"
                            + " xmlns:a=\"urn:kopir:agency-inbox:v1\">&x;"
                            + "</a:DeliverMessageResponse></s:Body></s:Envelope>")));

    assertThatThrownBy(() -> client.push(target(), ID, "referral.request", ITEM))
        .isInstanceOf(PushFailedException.class);
  }

  private ChannelsProperties.PushTarget target() {
    ChannelsProperties.PushTarget target = new ChannelsProperties.PushTarget();
    target.setType(ChannelsProperties.PushType.SOAP);
    target.setUrl(agency.baseUrl() + "/inbox");
    return target;
  }
}
