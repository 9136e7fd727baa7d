package org.kopir.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kopir.gateway.testsupport.LoneNode;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * The border paths' own filter chain: the response's security headers and nothing that would keep a
 * principal, a session or a rule for requests the connector and {@code BorderPeerFilter} have
 * already admitted. One node, kz, with an unreachable partner.
 */
class BorderSecurityTest {

  @RegisterExtension static final LoneNode kz = new LoneNode("kz");

  @Test
  void borderRequestsRunNoAuthenticationSessionOrAuthorizationFilter() {
    for (String path :
        new String[] {"/border/v1/messages", "/border/v1/receipts", "/border/ws/v1"}) {
      List<Class<?>> filters = filtersFor(new MockHttpServletRequest("POST", path));

      assertThat(filters)
          .as(path)
          .contains(HeaderWriterFilter.class)
          .doesNotContain(
              SecurityContextHolderFilter.class,
              AnonymousAuthenticationFilter.class,
              AuthorizationFilter.class);
    }
  }

  @Test
  void theLocalApiKeepsItsAuthenticationAndRules() {
    List<Class<?>> filters = filtersFor(new MockHttpServletRequest("POST", "/api/v1/messages"));

    assertThat(filters).contains(SecurityContextHolderFilter.class, AuthorizationFilter.class);
  }

  @Test
  void aBorderAnswerStillCarriesTheSecurityHeaders() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/border/v1/messages");
    request.setSecure(true);
    MockHttpServletResponse response = new MockHttpServletResponse();
    HttpServlet route =
        new HttpServlet() {
          @Override
          protected void doPost(HttpServletRequest in, HttpServletResponse out) throws IOException {
            out.getWriter().write("{}");
            out.flushBuffer();
          }
        };

    new MockFilterChain(route, chainFor(request).toArray(Filter[]::new))
        .doFilter(request, response);

    assertThat(response.getContentAsString()).isEqualTo("{}");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("Cache-Control")).contains("no-store");
    assertThat(response.getHeader("Strict-Transport-Security")).isNotNull();
  }

  private static List<Class<?>> filtersFor(MockHttpServletRequest request) {
    return chainFor(request).stream().<Class<?>>map(Filter::getClass).toList();
  }

  private static List<Filter> chainFor(MockHttpServletRequest request) {
    return kz.node().bean(FilterChainProxy.class).getFilterChains().stream()
        .filter(chain -> chain.matches(request))
        .findFirst()
        .orElseThrow()
        .getFilters();
  }
}
