package org.kopir.gateway.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the two APIs apart: the border port serves only {@code /border/**} (and health for probes),
 * the local port never serves {@code /border/**}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PortSeparationFilter extends OncePerRequestFilter {

  private final NodeProperties node;

  public PortSeparationFilter(NodeProperties node) {
    this.node = node;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean borderPort = request.getLocalPort() == node.getPorts().getBorder();
    String path = request.getRequestURI();
    boolean borderPath = path.startsWith("/border/");
    if (borderPort != borderPath && !(borderPort && path.startsWith("/actuator/health"))) {
      ProblemWriter.write(response, ErrorCode.NOT_FOUND, "No such resource on this port.");
      return;
    }
    chain.doFilter(request, response);
  }
}
