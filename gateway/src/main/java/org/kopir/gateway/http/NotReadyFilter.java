package org.kopir.gateway.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.kopir.gateway.error.ErrorCode;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the node starts or shuts down, the APIs answer {@code 503} with {@code Retry-After}: the
 * HTTP port opens before every route is running, and a caller must be told to come back rather than
 * receive an answer it would take as final.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class NotReadyFilter extends OncePerRequestFilter {

  private static final String RETRY_AFTER_SECONDS = "5";

  private final ApplicationAvailability availability;

  public NotReadyFilter(ApplicationAvailability availability) {
    this.availability = availability;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !(path.startsWith("/api/") || path.startsWith("/border/") || path.startsWith("/ws/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
      response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
      ProblemWriter.write(
          response, ErrorCode.SERVICE_UNAVAILABLE, "The node is not ready; retry shortly.");
      return;
    }
    chain.doFilter(request, response);
  }
}
