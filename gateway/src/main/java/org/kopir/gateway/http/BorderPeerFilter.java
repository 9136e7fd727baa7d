package org.kopir.gateway.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.kopir.gateway.crypto.CertificateTrust;
import org.kopir.gateway.crypto.CryptoMaterial;
import org.kopir.gateway.crypto.PartnerTrust;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the border port, only a partner node's own certificate is accepted: the TLS layer checks that
 * a partner CA issued it; this filter finds the partner the certificate names (node id and
 * country), checks that it chains to that partner's own CA and is not on its current CRL (an agency
 * certificate, or one partner's CA issuing a node certificate in another partner's name, is
 * refused), and passes the partner on to the routes as the request header {@value #PEER_HEADER},
 * which no client can set: the border then refuses a message signed by another node than the one
 * that connected.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class BorderPeerFilter extends OncePerRequestFilter {

  /** The request header the border routes read the connected partner node's id from. */
  public static final String PEER_HEADER = Partner.BORDER_PEER_HEADER;

  private static final String CHAIN = "jakarta.servlet.request.X509Certificate";

  private final NodeProperties node;
  private final CryptoMaterial material;
  private final Clock clock;

  public BorderPeerFilter(NodeProperties node, CryptoMaterial material, Clock clock) {
    this.node = node;
    this.material = material;
    this.clock = clock;
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
    Optional<PartnerTrust> peer = peer(request);
    if (peer.isEmpty()) {
      ProblemWriter.write(
          response,
          ErrorCode.UNTRUSTED_CERTIFICATE,
          "The border API accepts only a partner node's certificate.");
      return;
    }
    chain.doFilter(new WithPeer(request, peer.get().node()), response);
  }

  private Optional<PartnerTrust> peer(HttpServletRequest request) {
    if (!(request.getAttribute(CHAIN) instanceof X509Certificate[] certificates)
        || certificates.length == 0) {
      return Optional.empty();
    }
    X509Certificate leaf = certificates[0];
    List<X509Certificate> rest = Arrays.asList(certificates).subList(1, certificates.length);
    return material
        .partnerNamedBy(leaf)
        .filter(
            trust -> {
              try {
                trust.requireTrusted(
                    leaf, rest, clock.instant(), CertificateTrust.DIGITAL_SIGNATURE);
                return true;
              } catch (KopirException e) {
                return false;
              }
            });
  }

  /** The request with the connected partner as {@value #PEER_HEADER}, whatever the client sent. */
  private static final class WithPeer extends HttpServletRequestWrapper {
    private final String peer;

    WithPeer(HttpServletRequest request, String peer) {
      super(request);
      this.peer = peer;
    }

    @Override
    public String getHeader(String name) {
      return PEER_HEADER.equalsIgnoreCase(name) ? peer : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return PEER_HEADER.equalsIgnoreCase(name)
          ? Collections.enumeration(List.of(peer))
          : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      names.removeIf(PEER_HEADER::equalsIgnoreCase);
      names.add(PEER_HEADER);
      return Collections.enumeration(names);
    }
  }
}
