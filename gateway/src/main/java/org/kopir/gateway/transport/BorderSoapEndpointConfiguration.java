package org.kopir.gateway.transport;

import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.camel.CamelContext;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.kopir.gateway.delivery.DeliveryProperties;
import org.kopir.gateway.node.Locations;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The border SOAP endpoint {@code cxf:bean:kopirBorderEndpoint} (route {@code border-soap}). It has
 * its own CXF bus and servlet, mounted under {@code /border/}, so the local SOAP services are never
 * reachable through it and the border port's filters (partner certificate, port separation) apply.
 */
@Configuration(proxyBeanMethods = false)
public class BorderSoapEndpointConfiguration {

  public static final String ENDPOINT = "kopirBorderEndpoint";

  private static final String BORDER_PREFIX = "/border/";

  /**
   * The border's own CXF bus, wrapped so it is not a second {@link Bus} bean beside CXF's default
   * one, which the local SOAP intake uses.
   */
  public static final class BorderBus implements DisposableBean {

    private final Bus bus = new ExtensionManagerBus();

    Bus bus() {
      return bus;
    }

    @Override
    public void destroy() {
      bus.shutdown(true);
    }
  }

  @Bean
  BorderBus kopirBorderBus() {
    return new BorderBus();
  }

  @Bean(name = "kopirBorderServletRegistration")
  ServletRegistrationBean<CXFNonSpringServlet> kopirBorderServletRegistration(
      DeliveryProperties delivery, BorderBus kopirBorderBus) {
    CXFNonSpringServlet servlet = new CXFNonSpringServlet();
    servlet.setBus(kopirBorderBus.bus());
    ServletRegistrationBean<CXFNonSpringServlet> registration =
        new ServletRegistrationBean<>(servlet, servletPath(delivery) + "/*");
    registration.setName("kopirBorderSoap");
    registration.setLoadOnStartup(1);
    registration.addInitParameter("hide-service-list-page", "true");
    return registration;
  }

  @Bean(name = ENDPOINT)
  CxfEndpoint kopirBorderEndpoint(
      DeliveryProperties delivery, BorderBus kopirBorderBus, CamelContext camelContext) {
    CxfEndpoint endpoint = new CxfEndpoint();
    endpoint.setCamelContext(camelContext);
    endpoint.setBus(kopirBorderBus.bus());
    endpoint.setAddress(endpointAddress(delivery));
    endpoint.setWsdlURL(Locations.url(delivery.getSoap().getWsdl()));
    endpoint.setServiceNameAsQName(new QName(BorderXml.NS, "BorderService"));
    endpoint.setPortNameAsQName(new QName(BorderXml.NS, "BorderPort"));
    endpoint.setDataFormat(DataFormat.PAYLOAD);
    endpoint.setAllowStreaming(false);
    endpoint.setProperties(secureParsing());
    return endpoint;
  }

  /** {@code /border/ws/v1}: servlet {@code /border/ws}, endpoint address {@code /v1}. */
  static String servletPath(DeliveryProperties delivery) {
    String path = delivery.getSoap().getPath();
    if (!path.startsWith(BORDER_PREFIX) || path.lastIndexOf('/') <= BORDER_PREFIX.length() - 1) {
      throw new IllegalStateException(
          "kopir.delivery.soap.path must be /border/<servlet>/<endpoint>, e.g. /border/ws/v1");
    }
    return path.substring(0, path.lastIndexOf('/'));
  }

  static String endpointAddress(DeliveryProperties delivery) {
    String path = delivery.getSoap().getPath();
    return path.substring(path.lastIndexOf('/'));
  }

  /**
   * CXF's StAX limits: a signed message is one text element, at most the border body limit; no
   * DTDs.
   */
  private static Map<String, Object> secureParsing() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("org.apache.cxf.stax.maxElementDepth", 16);
    properties.put("org.apache.cxf.stax.maxChildElements", 16);
    properties.put("org.apache.cxf.stax.maxElementCount", 64);
    properties.put("org.apache.cxf.stax.maxAttributeCount", 16);
    properties.put("org.apache.cxf.stax.maxAttributeSize", 1024);
    properties.put("org.apache.cxf.stax.allowInsecureParser", false);
    properties.put("soap.no.validate.parts", true);
    return properties;
  }
}
