package org.kopir.gateway.console.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.console.ConsoleProperties;
import org.kopir.gateway.console.signin.ConsoleAuthenticationProvider;
import org.kopir.gateway.console.signin.SignInFailures;
import org.kopir.gateway.console.signin.SignInGuard;
import org.kopir.gateway.console.signin.SignInRefusedException;
import org.kopir.gateway.security.Callers;
import org.kopir.gateway.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Access rules of the browser console ({@code /console/**}, docs/console.md), a filter chain of its
 * own ahead of the API's: form sign-in with a session (the API stays stateless with client
 * certificates and HTTP Basic), CSRF tokens on every form, strict headers. Agency client
 * certificates never open the console.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

  /** No inline script or style, nothing from elsewhere, never framed. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  SignInGuard consoleSignInGuard(
      ConsoleProperties properties,
      AuditTrail audit,
      Clock clock,
      JdbcTemplate jdbc,
      TransactionTemplate transactions) {
    return new SignInGuard(properties, audit, clock, new SignInFailures(jdbc, transactions));
  }

  @Bean
  @Order(1)
  SecurityFilterChain consoleSecurity(
      HttpSecurity http,
      InMemoryUserDetailsManager people,
      PasswordEncoder encoder,
      SignInGuard guard,
      ConsoleProperties properties,
      AuditTrail audit)
      throws Exception {
    RequestCache requests = pageRequests();
    http.securityMatcher("/console", "/console/**")
        // Only the console's provider decides: no parent manager that could accept a password the
        // lock-out refused.
        .authenticationManager(
            new ProviderManager(new ConsoleAuthenticationProvider(people, encoder, guard)))
        .addFilterBefore(new NoAgencyCertificates(), SecurityContextHolderFilter.class)
        .authorizeHttpRequests(
            rules ->
                rules
                    .requestMatchers("/console/login", "/console/forbidden", "/console/assets/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/console/language")
                    .permitAll()
                    .requestMatchers(
                        "/console/audit",
                        "/console/audit/**",
                        "/console/integrity",
                        "/console/integrity/**",
                        "/console/cases/**",
                        "/console/reads")
                    .hasRole(Roles.AUDITOR)
                    .requestMatchers(
                        "/console/dead-letters",
                        "/console/dead-letters/**",
                        "/console/overdue",
                        "/console/dashboard/**")
                    .hasRole(Roles.OPERATOR)
                    .requestMatchers(
                        "/console", "/console/", "/console/messages", "/console/messages/**")
                    .hasAnyRole(Roles.AUDITOR, Roles.OPERATOR)
                    .anyRequest()
                    .denyAll())
        .formLogin(
            form ->
                form.loginPage("/console/login")
                    .loginProcessingUrl("/console/login")
                    .usernameParameter("username")
                    .passwordParameter("password")
                    .successHandler(
                        (request, response, authentication) -> {
                          request
                              .getSession()
                              .setMaxInactiveInterval(
                                  (int) properties.getIdleTimeout().toSeconds());
                          audit.record(
                              AuditEntry.of(AuditEvent.USER_SIGNED_IN)
                                  .actor("user:" + authentication.getName())
                                  .detail("roles", roles(authentication))
                                  .build());
                          response.sendRedirect(afterSignIn(requests, request, response));
                        })
                    .failureHandler(
                        (request, response, e) -> {
                          String query =
                              e instanceof SignInRefusedException refused
                                  ? refused.locked()
                                      ? "locked=" + refused.waitSeconds()
                                      : "wait=" + refused.waitSeconds()
                                  : "error";
                          response.sendRedirect("/console/login?" + query);
                        }))
        .logout(
            logout ->
                logout
                    .logoutUrl("/console/logout")
                    .deleteCookies(org.kopir.gateway.console.ConsoleConfiguration.SESSION_COOKIE)
                    .logoutSuccessHandler(
                        (request, response, authentication) -> {
                          if (authentication != null) {
                            audit.record(
                                AuditEntry.of(AuditEvent.USER_SIGNED_OUT)
                                    .actor("user:" + authentication.getName())
                                    .build());
                          }
                          response.sendRedirect("/console/login?signedOut");
                        }))
        .sessionManagement(
            session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
        // A shared or bookmarked link opened before signing in is shown after signing in.
        .requestCache(cache -> cache.requestCache(requests))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frame -> frame.deny())
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(
                        (request, response, e) -> {
                          if (htmx(request)) {
                            // A self-refreshing panel whose session ended: the whole page goes to
                            // the sign-in, instead of the sign-in form inside the panel.
                            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                            response.setHeader("HX-Redirect", "/console/login?expired");
                          } else {
                            response.sendRedirect("/console/login");
                          }
                        })
                    .accessDeniedHandler(
                        (request, response, e) -> {
                          response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                          request
                              .getRequestDispatcher("/console/forbidden")
                              .forward(request, response);
                        }));
    return http.build();
  }

  private static boolean htmx(HttpServletRequest request) {
    return "true".equals(request.getHeader("HX-Request"));
  }

  /** Remembers page requests (GET, not htmx panel refreshes) met before signing in. */
  private static RequestCache pageRequests() {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    // The remembered address is the one opened, without a marker parameter added to it.
    cache.setMatchingRequestParameterName(null);
    cache.setRequestMatcher(
        request ->
            "GET".equals(request.getMethod())
                && !htmx(request)
                && !request.getRequestURI().startsWith("/console/dashboard/")
                && !request.getRequestURI().startsWith("/console/assets/"));
    return cache;
  }

  /** The remembered page (path and query on this node only), else the console's start. */
  static String afterSignIn(
      RequestCache requests, HttpServletRequest request, HttpServletResponse response) {
    SavedRequest saved = requests.getRequest(request, response);
    requests.removeRequest(request, response);
    if (saved == null) {
      return "/console/";
    }
    try {
      java.net.URI uri = java.net.URI.create(saved.getRedirectUrl());
      String path = uri.getRawPath();
      if (path == null || !path.startsWith("/console") || path.startsWith("/console/login")) {
        return "/console/";
      }
      return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    } catch (IllegalArgumentException e) {
      return "/console/";
    }
  }

  private static String roles(Authentication authentication) {
    return String.join(
        ",",
        authentication.getAuthorities().stream()
            .map(a -> a.getAuthority().replaceFirst("^ROLE_", ""))
            .sorted()
            .toList());
  }

  /** A request that presents a TLS client certificate (an agency system) is refused (403). */
  static final class NoAgencyCertificates extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (Callers.certificate(request).isPresent()) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("The console is for people; agency certificates are refused.\n");
        return;
      }
      chain.doFilter(request, response);
    }
  }
}
