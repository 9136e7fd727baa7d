package org.kopir.gateway.delivery;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.kopir.gateway.broker.Priority;
import org.kopir.gateway.broker.QueueNames;
import org.kopir.gateway.node.Partner;
import org.kopir.gateway.node.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes each partner's routes from the templates of {@code routes/delivery.camel.yaml} and {@code
 * routes/partner.camel.yaml} once the route files are loaded and before Camel starts: per partner,
 * the calls of its transport ({@code partner-<transport>-message|receipt-<partner>}), one
 * forwarding route per outbound queue ({@code forward-<partner>-high|normal|low}, {@code
 * forward-<partner>-unprioritized}) and its receipts ({@code return-receipts-<partner>}). The calls
 * come first, so no forwarding route runs before the route it calls. A partner removed from the
 * configuration gets no routes: its queued messages and receipts wait on its queues until it is
 * configured again.
 */
@Component
public class PartnerRoutes implements CamelContextConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerRoutes.class);

  private final Partners partners;
  private final QueueNames queues;
  private final DeliveryProperties delivery;

  public PartnerRoutes(Partners partners, QueueNames queues, DeliveryProperties delivery) {
    this.partners = partners;
    this.queues = queues;
    this.delivery = delivery;
  }

  @Override
  public void afterApplicationStart(CamelContext camelContext) {}

  @Override
  public void beforeApplicationStart(CamelContext camelContext) {
    ModelCamelContext model = (ModelCamelContext) camelContext;
    if (model.getRouteTemplateDefinition("forward-to-partner") == null) {
      // A route set of its own (kopir.routes-dir) without the delivery templates: it decides.
      LOG.warn("No route template forward-to-partner: no partner routes are made");
      return;
    }
    for (Partner partner : partners.all()) {
      List<String> routes = new ArrayList<>();
      for (String resource : List.of("message", "receipt")) {
        TemplatedRouteBuilder call =
            TemplatedRouteBuilder.builder(camelContext, "partner-" + partner.transport())
                .routeId("partner-" + partner.transport() + "-" + resource + "-" + partner.node())
                .parameter("partner", partner.node())
                .parameter("borderUrl", partner.borderUrl())
                .parameter("resource", resource);
        if (!"https".equals(partner.transport())) {
          call.parameter(
              "operation", "message".equals(resource) ? "DeliverMessage" : "DeliverReceipt");
        }
        routes.add(call.add());
      }
      for (Priority priority : Priority.values()) {
        routes.add(
            forward(
                camelContext,
                partner,
                priority.wireName(),
                queues.outbound(partner.node(), priority),
                delivery.getConsumers()));
      }
      // Messages queued by a release without per-priority queues (normal schedule).
      routes.add(
          forward(camelContext, partner, "unprioritized", queues.outbound(partner.node()), 1));
      routes.add(
          TemplatedRouteBuilder.builder(camelContext, "return-receipts")
              .routeId("return-receipts-" + partner.node())
              .parameter("partner", partner.node())
              .parameter("transport", partner.transport())
              .add());
      LOG.info("Routes of partner {}: {}", partner.node(), routes);
    }
  }

  private static String forward(
      CamelContext camelContext, Partner partner, String name, String queue, int consumers) {
    return TemplatedRouteBuilder.builder(camelContext, "forward-to-partner")
        .routeId("forward-" + partner.node() + "-" + name)
        .parameter("partner", partner.node())
        .parameter("transport", partner.transport())
        .parameter("queue", queue)
        .parameter("consumers", String.valueOf(consumers))
        .add();
  }
}
