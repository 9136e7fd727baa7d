package org.kopir.gateway.http;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Hands a request that a platform-http route consumes straight to its {@link
 * InlinePlatformHttpConsumer}, as a plain {@link org.springframework.web.HttpRequestHandler}. Which
 * route consumes it (path, method, the 405 for another method) stays Camel's mapping's decision;
 * this mapping only comes first ({@code order} -2, Camel's is -1) and skips the handler-method
 * machinery and the asynchronous dispatch that Camel's mapping leads to.
 */
public class InlinePlatformHttpHandlerMapping extends AbstractHandlerMapping {

  /** Before {@link CamelRequestHandlerMapping}, whose order is -1. */
  static final int ORDER = -2;

  private final ObjectProvider<CamelRequestHandlerMapping> camelMapping;
  private volatile CamelRequestHandlerMapping camel;

  /**
   * Camel's starter creates its mapping lazily (when the dispatcher servlet collects its mappings),
   * so it is looked up at the first request.
   */
  public InlinePlatformHttpHandlerMapping(ObjectProvider<CamelRequestHandlerMapping> camelMapping) {
    this.camelMapping = camelMapping;
    setOrder(ORDER);
  }

  @Override
  protected Object getHandlerInternal(HttpServletRequest request) throws Exception {
    CamelRequestHandlerMapping mapping = camel;
    if (mapping == null) {
      mapping = camelMapping.getObject();
      camel = mapping;
    }
    HandlerExecutionChain chain = mapping.getHandler(request);
    if (chain != null
        && chain.getHandler() instanceof HandlerMethod method
        && method.getBean() instanceof InlinePlatformHttpConsumer consumer) {
      return consumer;
    }
    return null;
  }
}
