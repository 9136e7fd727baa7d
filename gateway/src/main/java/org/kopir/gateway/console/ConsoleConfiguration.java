package org.kopir.gateway.console;

import jakarta.servlet.SessionCookieConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Wiring of the console: its message catalogues (one per language, {@code
 * i18n/console_*.properties}, also used for server-side errors shown on its pages), the per-person
 * language, the session cookie, and the assets packaged in the jar.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfiguration implements WebMvcConfigurer {

  /** The htmx build served at {@code /console/assets/htmx/htmx.min.js} (webjar, in the jar). */
  public static final String HTMX_WEBJAR =
      "classpath:/META-INF/resources/webjars/htmx.org/2.0.8/dist/";

  static final int MOST_REQUEST_HEADER_BYTES = 64 * 1024;

  /** Name of the session cookie, scoped to {@code /console}. */
  public static final String SESSION_COOKIE = "KOPIR_CONSOLE";

  @Bean
  MessageSource messageSource() {
    ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();
    messages.setBasename("classpath:i18n/console");
    messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
    messages.setFallbackToSystemLocale(false);
    messages.setDefaultLocale(Locale.ENGLISH);
    messages.setCacheSeconds(-1);
    return messages;
  }

  @Bean
  LocaleResolver localeResolver() {
    return new ConsoleLanguages();
  }

  /**
   * The session cookie: HttpOnly, Secure, SameSite=Strict, sent only to {@code /console}. Only the
   * console creates sessions; the API is stateless.
   */
  @Bean
  ServletContextInitializer consoleSessionCookie() {
    return servletContext -> {
      SessionCookieConfig cookie = servletContext.getSessionCookieConfig();
      cookie.setName(SESSION_COOKIE);
      cookie.setHttpOnly(true);
      cookie.setSecure(true);
      cookie.setPath("/console");
      cookie.setAttribute("SameSite", "Strict");
    };
  }

  /**
   * Request lines up to 64 KB on the local API port, so that a filter value of several kilobytes
   * reaches the console's validation and gets a message on the page instead of the container's bare
   * 400. The border port keeps its own connector settings.
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> consoleRequestSize() {
    return factory ->
        factory.addConnectorCustomizers(
            connector -> {
              if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setMaxHttpRequestHeaderSize(
                    Math.max(http.getMaxHttpRequestHeaderSize(), MOST_REQUEST_HEADER_BYTES));
              }
            });
  }

  /**
   * Pages are rendered in full before the first byte is sent, so that a failure while rendering is
   * answered as an error and never as half a page.
   */
  @Bean
  static BeanPostProcessor consoleCompletePages() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof ThymeleafViewResolver resolver) {
          resolver.setProducePartialOutputWhileProcessing(false);
        }
        return bean;
      }
    };
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    CacheControl cache = CacheControl.maxAge(Duration.ofHours(1)).cachePrivate();
    registry
        .addResourceHandler("/console/assets/htmx/**")
        .addResourceLocations(HTMX_WEBJAR)
        .setCacheControl(cache);
    registry
        .addResourceHandler("/console/assets/**")
        .addResourceLocations("classpath:/static/console/assets/")
        .setCacheControl(cache);
  }
}
