package org.kopir.gateway.http;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.handler.MatchableHandlerMapping;
import org.springframework.web.servlet.handler.RequestMatchResult;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Hands a request that a platform-http route consumes straight to its {@link
 * InlinePlatformHttpConsumer}, as a plain {@link org.springframework.web.HttpRequestHandler}. Which
 * route consumes it (path, method, the 405 for another method) stays Camel's mapping's decision;
 * this mapping only comes first ({@code order} -2, Camel's is -1) and skips the handler-method
 * machinery and the asynchronous dispatch that Camel's mapping leads to.
 *
 * <p>It is a {@link MatchableHandlerMapping}, as Spring's own mappings are: Spring Security's
 * {@code HandlerMappingIntrospector} asks the mapping that takes a request to match paths, and
 * answers every request of another kind of mapping with an exception it builds and keeps.
 */
public class InlinePlatformHttpHandlerMapping extends AbstractHandlerMapping
    implements MatchableHandlerMapping {

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

  /** Matches {@code pattern} against the request's path within the application. */
  @Override
  public RequestMatchResult match(HttpServletRequest request, String pattern) {
    PathPattern parsed = getPatternParser().parse(pattern);
    PathContainer path =
        ServletRequestPathUtils.hasParsedRequestPath(request)
            ? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication()
            : ServletRequestPathUtils.parseAndCache(request).pathWithinApplication();
    return parsed.matches(path) ? new RequestMatchResult(parsed, path) : null;
  }
}
