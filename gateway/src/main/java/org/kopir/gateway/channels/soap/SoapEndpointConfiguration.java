package org.kopir.gateway.channels.soap;

import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.camel.CamelContext;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.servlet.CXFServlet;
import org.kopir.gateway.channels.ChannelsProperties;
import org.kopir.gateway.node.Locations;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CXF side of the SOAP intake: the servlet, mounted on {@code kopir.channels.soap.servlet-path}
 * only (so Camel platform-http and Spring MVC keep {@code /api/**}), and the endpoint {@code
 * cxf:bean:kopirExchangeEndpoint} that {@code routes/soap-intake.yaml} consumes.
 */
@Configuration(proxyBeanMethods = false)
public class SoapEndpointConfiguration {

  public static final String ENDPOINT = "kopirExchangeEndpoint";

  /** Replaces CXF's own registration (default {@code /services/*}). */
  @Bean(name = "cxfServletRegistration")
  ServletRegistrationBean<CXFServlet> cxfServletRegistration(ChannelsProperties channels) {
    String path = channels.getSoap().getServletPath();
    String mapping = path.endsWith("/") ? path + "*" : path + "/*";
    ServletRegistrationBean<CXFServlet> registration =
        new ServletRegistrationBean<>(new CXFServlet(), mapping);
    registration.setLoadOnStartup(1);
    // no HTML list of services for anonymous browsing
    registration.addInitParameter("hide-service-list-page", "true");
    return registration;
  }

  @Bean(name = ENDPOINT)
  CxfEndpoint kopirExchangeEndpoint(
      ChannelsProperties channels, Bus bus, CamelContext camelContext) {
    ChannelsProperties.Soap soap = channels.getSoap();
    CxfEndpoint endpoint = new CxfEndpoint();
    endpoint.setCamelContext(camelContext);
    endpoint.setBus(bus);
    endpoint.setAddress("/exchange");
    endpoint.setWsdlURL(Locations.url(soap.getWsdl()));
    endpoint.setServiceNameAsQName(new QName(ExchangeXml.NS, "ExchangeService"));
    endpoint.setPortNameAsQName(new QName(ExchangeXml.NS, "ExchangePort"));
    endpoint.setDataFormat(DataFormat.PAYLOAD);
    // read the whole body inside CXF, under the limits below, before the route sees it
    endpoint.setAllowStreaming(false);
    endpoint.setProperties(secureParsing(soap));
    return endpoint;
  }

  /** CXF's StAX limits (SPEC §11); DTDs are refused by CXF's parser in any case. */
  static Map<String, Object> secureParsing(ChannelsProperties.Soap soap) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("org.apache.cxf.stax.maxElementDepth", soap.getMaxElementDepth());
    properties.put("org.apache.cxf.stax.maxChildElements", soap.getMaxChildElements());
    properties.put("org.apache.cxf.stax.maxElementCount", soap.getMaxElementCount());
    properties.put("org.apache.cxf.stax.maxAttributeCount", soap.getMaxAttributeCount());
    properties.put("org.apache.cxf.stax.maxAttributeSize", 1024);
    properties.put("org.apache.cxf.stax.maxTextLength", soap.getMaxTextLength());
    properties.put("org.apache.cxf.stax.maxXMLCharacters", soap.getMaxXmlCharacters());
    properties.put("org.apache.cxf.stax.allowInsecureParser", false);
    properties.put("soap.no.validate.parts", true);
    return properties;
  }
}
