package org.kopir.gateway.node;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where the Camel YAML routes come from: the route files packaged in the jar ({@value #PACKAGED}),
 * or, when {@code kopir.routes-dir} names a directory, its {@code *.camel.yaml} files. Added as the
 * lowest-precedence default of {@code camel.main.routes-include-pattern}, so a pattern set anywhere
 * (a node's configuration file, the command line) still wins.
 */
public class RouteSources implements EnvironmentPostProcessor, Ordered {

  /** The route files the build copies from {@code routes/} into the jar. */
  public static final String PACKAGED = "classpath:kopir/routes/*.camel.yaml";

  static final String PATTERN = "camel.main.routes-include-pattern";
  static final String ROUTES_DIR = "kopir.routes-dir";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("kopirRouteSources", Map.of(PATTERN, pattern(environment))));
  }

  /** {@code file:<dir>/*.camel.yaml} for a configured directory, the packaged routes otherwise. */
  static String pattern(ConfigurableEnvironment environment) {
    String dir = environment.getProperty(ROUTES_DIR, "").strip();
    if (dir.isEmpty()) {
      return PACKAGED;
    }
    String trimmed = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    return "file:" + trimmed + "/*.camel.yaml";
  }

  /** After the configuration files are read, so that kopir.routes-dir there counts. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
