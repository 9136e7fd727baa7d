package org.kopir.gateway.http;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Gives embedded Tomcat its document root in {@code <server.tomcat.basedir>/docbase}, beside its
 * work directory, which the node keeps in its data directory ({@code <kopir.data-dir>/tomcat}).
 * Without them Spring Boot creates both as new directories in the system's temporary directory at
 * every start, and leaves them there after a stop (the base, because Tomcat writes into it) or a
 * crash (both). The document root stays empty: the node's pages and assets come from the jar.
 * Without a base directory Spring Boot's default stays.
 */
@Component
public class TomcatDocumentRoot
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  /** The document root's name in Tomcat's base directory. */
  public static final String DIRECTORY = "docbase";

  private final ServerProperties server;

  public TomcatDocumentRoot(ServerProperties server) {
    this.server = server;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    File base = server.getTomcat().getBasedir();
    if (base == null) {
      return;
    }
    Path root = base.toPath().toAbsolutePath().resolve(DIRECTORY);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Tomcat's document root " + root, e);
    }
    factory.setDocumentRoot(root.toFile());
  }
}
