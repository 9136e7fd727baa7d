package org.kopir.gateway.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.kopir.gateway.crypto.KopirNames;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.security.Callers;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the border port, only the partner node's own certificate is accepted: the TLS layer checks the
 * partner CA and CRL, this filter checks that the certificate names the partner node (an agency
 * certificate of the partner's CA is refused).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class BorderPeerFilter extends OncePerRequestFilter {

  private final NodeProperties node;

  public BorderPeerFilter(NodeProperties node) {
    this.node = node;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getLocalPort() != node.getPorts().getBorder()
        || !request.getRequestURI().startsWith("/border/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean partnerNode =
        Callers.certificate(request)
            .map(KopirNames.SubjectName::of)
            .map(
                name ->
                    name.isNode(
                        node.getPartner().getNode(), node.getPartner().getCountry().toUpperCase()))
            .orElse(false);
    if (!partnerNode) {
      ProblemWriter.write(
          response,
          ErrorCode.UNTRUSTED_CERTIFICATE,
          "The border API accepts only the partner node's certificate.");
      return;
    }
    chain.doFilter(request, response);
  }
}
