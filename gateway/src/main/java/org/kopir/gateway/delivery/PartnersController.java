package org.kopir.gateway.delivery;

import java.time.Instant;
import java.util.List;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/partners} (roles OPERATOR, AUDITOR): this node's partners, each with its
 * country, agencies, transport, border URL, partnership file and that file's SHA-256 (the same at
 * both nodes when the partnership is configured alike), and its last answers since start-up.
 */
@RestController
public class PartnersController {

  private final Partners partners;
  private final PartnerStatus status;

  public PartnersController(Partners partners, PartnerStatus status) {
    this.partners = partners;
    this.status = status;
  }

  /** One partner as the API shows it. */
  public record PartnerInfo(
      String node,
      String country,
      List<String> agencies,
      String transport,
      String borderUrl,
      String partnership,
      String partnershipSha256,
      boolean reachable,
      Instant lastDelivered,
      Instant lastFailed,
      String lastFailure) {}

  @GetMapping(path = "/api/v1/partners", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<PartnerInfo> partners() {
    return partners.all().stream().map(this::info).toList();
  }

  private PartnerInfo info(Partner partner) {
    PartnerStatus.State state = status.of(partner.node());
    return new PartnerInfo(
        partner.node(),
        partner.country(),
        partner.agencies(),
        partner.transport(),
        partner.borderUrl(),
        partner.partnership().id(),
        partner.partnership().digest(),
        state.reachable(),
        state.lastDelivered(),
        state.lastFailed(),
        state.lastFailure());
  }
}
