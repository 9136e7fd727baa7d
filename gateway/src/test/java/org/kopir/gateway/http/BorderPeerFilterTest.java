package org.kopir.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.crypto.DevPkiFixture;
import org.kopir.gateway.crypto.PemFiles;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.testsupport.TestPartners;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BorderPeerFilterTest {

  @TempDir static Path dir;

  @Test
  void theConnectedPartnerIsPassedOnWhateverTheClientClaims() throws Exception {
    MockFilterChain chain = new MockFilterChain();
    MockHttpServletRequest request = borderRequest(certificate("kg/node-tls.crt"));
    request.addHeader(Partner.BORDER_PEER_HEADER, "tj");

    MockHttpServletResponse response = new MockHttpServletResponse();
    filter().doFilter(request, response, chain);

    HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
    assertThat(passed).isNotNull();
    assertThat(passed.getHeader(Partner.BORDER_PEER_HEADER)).isEqualTo("kg");
    assertThat(java.util.Collections.list(passed.getHeaders(Partner.BORDER_PEER_HEADER)))
        .containsExactly("kg");
  }

  @Test
  void anAgencyCertificateOfAPartnersCaIsRefused() throws Exception {
    MockFilterChain chain = new MockFilterChain();
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter().doFilter(borderRequest(certificate("tj/agencies/tj-cpc.crt")), response, chain);

    assertThat(chain.getRequest()).isNull();
    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getContentAsString()).contains("UNTRUSTED_CERTIFICATE");
  }

  @Test
  void theLocalApiIsNotItsBusiness() throws Exception {
    MockFilterChain chain = new MockFilterChain();
    MockHttpServletRequest request = borderRequest(certificate("tj/agencies/tj-cpc.crt"));
    request.setLocalPort(8443);

    filter().doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(chain.getRequest()).isSameAs(request);
  }

  private static BorderPeerFilter filter() {
    DevPkiFixture pki = pki();
    NodeProperties kz = TestPartners.node("kz");
    return new BorderPeerFilter(kz, pki.material("kz"), Clock.systemUTC());
  }

  private static MockHttpServletRequest borderRequest(X509Certificate certificate) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/border/v1/messages");
    request.setLocalPort(8444);
    request.setAttribute(
        "jakarta.servlet.request.X509Certificate", new X509Certificate[] {certificate});
    return request;
  }

  private static X509Certificate certificate(String file) {
    return PemFiles.readCertificate(pki().root().resolve(file));
  }

  private static DevPkiFixture fixture;

  private static synchronized DevPkiFixture pki() {
    if (fixture == null) {
      fixture = new DevPkiFixture(dir.resolve("pki"));
    }
    return fixture;
  }
}
