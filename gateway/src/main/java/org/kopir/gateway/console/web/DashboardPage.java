package org.kopir.gateway.console.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.console.ConsoleProperties;
import org.kopir.gateway.console.data.ConsoleQueries;
import org.kopir.gateway.console.view.BarChart;
import org.kopir.gateway.crypto.CertificatesHealthIndicator;
import org.kopir.gateway.delivery.Overdue;
import org.kopir.gateway.delivery.OverdueWatch;
import org.kopir.gateway.delivery.PartnerStatus;
import org.kopir.gateway.node.NodeProperties;
import org.kopir.gateway.node.Partners;
import org.kopir.gateway.security.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operators' dashboard ({@code /console/}): counts by status, deliveries and failures over the
 * last hour and day, queue depths, partner reachability, certificate expiry and overdue counts. The
 * figures ({@code /console/dashboard/panels}) reload themselves through htmx without a page reload.
 */
@Controller
public class DashboardPage {

  private final ConsoleQueries queries;
  private final OverdueWatch overdue;
  private final CertificatesHealthIndicator certificates;
  private final Viewer viewer;
  private final Clock clock;
  private final ConsoleProperties properties;
  private final NodeProperties node;

  private final Partners partners;
  private final PartnerStatus partnerStatus;

  /** One partner on the dashboard: who, how, the partnership file's digest and its last answers. */
  public record PartnerView(
      String node,
      String country,
      String transport,
      String partnership,
      String digest,
      PartnerStatus.State state) {}

  public DashboardPage(
      ConsoleQueries queries,
      OverdueWatch overdue,
      CertificatesHealthIndicator certificates,
      Viewer viewer,
      Clock clock,
      ConsoleProperties properties,
      NodeProperties node,
      Partners partners,
      PartnerStatus partnerStatus) {
    this.partners = partners;
    this.partnerStatus = partnerStatus;
    this.queries = queries;
    this.overdue = overdue;
    this.certificates = certificates;
    this.viewer = viewer;
    this.clock = clock;
    this.properties = properties;
    this.node = node;
  }

  @GetMapping({"/console", "/console/"})
  String home(Authentication authentication, Principal principal, Model model) {
    boolean operator =
        authentication.getAuthorities().stream()
            .anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.OPERATOR));
    if (!operator) {
      return "redirect:/console/audit";
    }
    viewer.record(viewer.viewed(principal, "dashboard"));
    fill(model);
    model.addAttribute("refreshSeconds", Math.max(5, properties.getRefreshInterval().toSeconds()));
    return "console/dashboard";
  }

  @GetMapping("/console/dashboard/panels")
  String panels(Principal principal, Model model) {
    viewer.record(viewer.viewed(principal, "dashboard"));
    fill(model);
    model.addAttribute("refreshSeconds", Math.max(5, properties.getRefreshInterval().toSeconds()));
    return "console/dashboard :: panels";
  }

  /** One certificate's expiry, as the certificates health indicator reports it. */
  public record CertificateView(String label, Instant notAfter, long daysLeft, String state) {}

  private void fill(Model model) {
    Instant now = clock.instant();
    Instant dayAgo = now.minus(Duration.ofDays(1));
    List<Instant> delivered = queries.eventTimes(AuditEvent.MESSAGE_DELIVERED.wireName(), dayAgo);
    List<Instant> failed = queries.eventTimes(AuditEvent.DELIVERY_FAILED.wireName(), dayAgo);
    model.addAttribute("now", now);
    model.addAttribute("outbound", queries.outboundByStatus());
    model.addAttribute("inbound", queries.inboundByStatus());
    model.addAttribute("waiting", queries.outboundWaitingByPriority());
    model.addAttribute("inboxes", queries.inboxByAgency());
    model.addAttribute("localAgencies", node.getAgencies().keySet());
    model.addAttribute("deadLetters", queries.outboundByStatus().getOrDefault("DEAD_LETTERED", 0L));
    model.addAttribute("hourChart", BarChart.of(delivered, failed, now, Duration.ofHours(1), 12));
    model.addAttribute("dayChart", BarChart.of(delivered, failed, now, Duration.ofDays(1), 24));
    model.addAttribute(
        "partners",
        partners.all().stream()
            .map(
                p ->
                    new PartnerView(
                        p.node(),
                        p.country(),
                        p.transport(),
                        p.partnership().id(),
                        p.partnership().digest().substring(0, 16),
                        partnerStatus.of(p.node())))
            .toList());
    AuditRecord lastDelivered =
        queries
            .lastEvent(AuditEvent.MESSAGE_DELIVERED.wireName(), now.minus(Duration.ofDays(30)))
            .orElse(null);
    AuditRecord lastFailed =
        queries
            .lastEvent(AuditEvent.DELIVERY_FAILED.wireName(), now.minus(Duration.ofDays(30)))
            .orElse(null);
    model.addAttribute("lastDelivered", lastDelivered);
    model.addAttribute("lastFailed", lastFailed);
    model.addAttribute(
        "lastFailedReason",
        lastFailed == null ? null : lastFailed.detail().path("reason").asText(null));
    model.addAttribute(
        "reachable",
        lastDelivered != null && (lastFailed == null || lastDelivered.seq() > lastFailed.seq()));
    List<Overdue> late = overdue.list();
    model.addAttribute(
        "overdueDelivery", late.stream().filter(o -> Overdue.DELIVERY.equals(o.kind())).count());
    model.addAttribute(
        "overdueResponse", late.stream().filter(o -> Overdue.RESPONSE.equals(o.kind())).count());
    model.addAttribute("certificates", certificates());
  }

  private List<CertificateView> certificates() {
    List<CertificateView> views = new ArrayList<>();
    Object details = certificates.health().getDetails().get("certificates");
    if (details instanceof Map<?, ?> all) {
      all.forEach(
          (label, value) -> {
            if (value instanceof Map<?, ?> detail) {
              views.add(
                  new CertificateView(
                      String.valueOf(label),
                      Instant.parse(String.valueOf(detail.get("notAfter"))),
                      ((Number) detail.get("daysLeft")).longValue(),
                      String.valueOf(detail.get("state"))));
            }
          });
    }
    views.sort((a, b) -> a.notAfter().compareTo(b.notAfter()));
    return views;
  }
}
