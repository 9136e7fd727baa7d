package org.kopir.gateway.channels;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.kopir.gateway.node.NodeProperties;
import org.springframework.stereotype.Component;

/**
 * Creates the per-agency routes from the route templates in {@code routes/jms-intake.yaml} and
 * {@code routes/push-delivery.yaml}: one JMS intake route per local agency, one push route per
 * agency with push configured. The YAML keeps the steps editable; the agency list comes from the
 * node's configuration, which YAML alone cannot iterate.
 */
@Component
public class ChannelRoutes implements CamelContextConfiguration {

  public static final String JMS_INTAKE_TEMPLATE = "jms-intake";
  public static final String PUSH_TEMPLATE = "push-delivery";

  private final NodeProperties node;
  private final ChannelsProperties channels;

  public ChannelRoutes(NodeProperties node, ChannelsProperties channels) {
    this.node = node;
    this.channels = channels;
  }

  @Override
  public void beforeApplicationStart(CamelContext camelContext) {}

  @Override
  public void afterApplicationStart(CamelContext camelContext) {
    if (channels.getJms().isIntakeEnabled()) {
      for (String agency : node.getAgencies().keySet()) {
        add(camelContext, JMS_INTAKE_TEMPLATE, "jms-intake-" + agency, agency);
      }
    }
    for (String agency : channels.getPush().keySet()) {
      if (!node.isLocalAgency(agency)) {
        throw new IllegalStateException(
            "kopir.channels.push names " + agency + ", which is not an agency of this node");
      }
      if (channels.getPush().get(agency).getUrl() == null) {
        throw new IllegalStateException("kopir.channels.push." + agency + ".url is missing");
      }
      add(camelContext, PUSH_TEMPLATE, "push-delivery-" + agency, agency);
    }
  }

  private static void add(CamelContext context, String template, String routeId, String agency) {
    if (!(context instanceof ModelCamelContext model)
        || model.getRouteTemplateDefinition(template) == null) {
      throw new IllegalStateException(
          "route template " + template + " is missing from the routes directory");
    }
    TemplatedRouteBuilder.builder(context, template)
        .routeId(routeId)
        .parameter("agency", agency)
        .add();
  }
}
