package org.kopir.gateway.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.ProblemBody;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Access rules of both APIs (SPEC §8, §9). Agencies authenticate by client certificate, people by
 * password; the border port's connector demands the partner node's certificate, so border paths
 * need no further authentication here.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  /**
   * The border: the connector has already demanded a partner node's certificate and {@code
   * BorderPeerFilter} has checked it against that partner's CA; nothing here would add to that. A
   * chain of its own, ahead of the API's, keeps the agency login (whose certificate lookup fails
   * for every node certificate) and the other API filters off the busiest path.
   *
   * <p>It holds only the response's security headers: no request of a partner ever carries a
   * principal, a session, a logout or a decision for Spring Security to make, so the filters that
   * would keep a security context, an anonymous principal, a session and a rule that permits all
   * run on every border request for nothing.
   */
  @Bean
  @Order(1)
  SecurityFilterChain borderSecurity(HttpSecurity http) throws Exception {
    // Matched on the whole path: the SOAP border is a servlet of its own (/border/ws), which
    // an MVC pattern (the string form) would not see.
    http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/border/**"))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(session -> session.disable())
        .securityContext(context -> context.disable())
        .anonymous(anonymous -> anonymous.disable())
        .servletApi(servletApi -> servletApi.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(exceptions -> exceptions.disable());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain apiSecurity(HttpSecurity http, NodeProperties node) throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            rules ->
                rules
                    // Error dispatches carry the original answer (404, 503...), not a new request.
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/v3/api-docs")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/v1/messages")
                    .hasRole(Roles.AGENCY)
                    .requestMatchers(HttpMethod.GET, "/api/v1/messages/*")
                    .hasAnyRole(Roles.AGENCY, Roles.AUDITOR, Roles.OPERATOR)
                    .requestMatchers("/api/v1/inbox", "/api/v1/inbox/**")
                    .hasRole(Roles.AGENCY)
                    .requestMatchers("/api/v1/links/**")
                    .hasAnyRole(Roles.AGENCY, Roles.AUDITOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/audit/purge")
                    .hasRole(Roles.OPERATOR)
                    .requestMatchers("/api/v1/audit/**")
                    .hasRole(Roles.AUDITOR)
                    .requestMatchers("/api/v1/dead-letters", "/api/v1/dead-letters/**")
                    .hasRole(Roles.OPERATOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/erasure")
                    .hasRole(Roles.OPERATOR)
                    .requestMatchers(HttpMethod.GET, "/api/v1/cases/*")
                    .hasAnyRole(Roles.AUDITOR, Roles.OPERATOR)
                    .requestMatchers(HttpMethod.GET, "/api/v1/partners")
                    .hasAnyRole(Roles.AUDITOR, Roles.OPERATOR)
                    .requestMatchers(
                        "/api/v1/partners/*/pseudonym-keys", "/api/v1/partners/*/pseudonym-keys/**")
                    .hasRole(Roles.OPERATOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/node/credentials/reload")
                    .hasRole(Roles.OPERATOR)
                    .requestMatchers("/actuator/**")
                    .hasRole(Roles.OPERATOR)
                    .requestMatchers("/ws/**")
                    .hasRole(Roles.AGENCY)
                    .anyRequest()
                    .denyAll())
        .x509(
            x509 ->
                x509.subjectPrincipalRegex("CN=(.*?)(?:,|$)")
                    .userDetailsService(new AgencyCertificateUsers(node)))
        .httpBasic(Customizer.withDefaults())
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            problem(
                                response,
                                ErrorCode.NOT_AUTHENTICATED,
                                "A client certificate or credentials are required."))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            problem(
                                response,
                                ErrorCode.NOT_AUTHORIZED,
                                "Not allowed for this caller.")));
    return http.build();
  }

  /**
   * No Micrometer observation around every security filter, authentication and authorization of
   * every request: they cost CPU on every call, and their timers answer no operator's question (the
   * node's own counters and {@code http.server.requests} do).
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  InMemoryUserDetailsManager people(SecurityProperties properties) {
    List<UserDetails> users =
        properties.allUsers().stream()
            .map(
                user ->
                    User.withUsername(user.getName())
                        .password(user.getPassword())
                        .roles(user.getRoles().toArray(String[]::new))
                        .build())
            .toList();
    return new InMemoryUserDetailsManager(users);
  }

  private static void problem(HttpServletResponse response, ErrorCode code, String detail)
      throws IOException {
    response.setStatus(code.httpStatus());
    response.setContentType(ProblemBody.MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(ProblemBody.of(code, detail).toString());
  }
}
