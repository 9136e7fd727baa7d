package org.kopir.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded H2 store's JDBC URL as the node opens it ({@code spring.datasource.url} of the
 * node's {@code application.yml}, its settings included), for a data directory of the caller's: so
 * that a benchmark or a test of the store measures the store a node runs, every commit written to
 * the file before it returns ({@code WRITE_DELAY=0}), and follows the node when its settings
 * change.
 */
public final class EmbeddedStoreUrl {

  private static final String URL_PROPERTY = "spring.datasource.url";

  private EmbeddedStoreUrl() {}

  /** The URL of the store file {@code <dataDir>/db/kopir}, with the node's settings. */
  public static String of(Path dataDir) {
    StandardEnvironment environment = new StandardEnvironment();
    try {
      new YamlPropertySourceLoader()
          .load("application.yml", new ClassPathResource("application.yml"))
          .forEach(source -> environment.getPropertySources().addLast(source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "data directory", Map.of("kopir.data-dir", dataDir.toAbsolutePath().toString())));
    String url = environment.getProperty(URL_PROPERTY);
    if (url == null || !url.startsWith("jdbc:h2:file:")) {
      throw new IllegalStateException(
          "application.yml's " + URL_PROPERTY + " is no H2 file store: " + url);
    }
    return url;
  }
}
