package org.kopir.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;

/** Embedded Tomcat's document root, beside its work directory in {@code server.tomcat.basedir}. */
class TomcatDocumentRootTest {

  @TempDir Path data;

  @Test
  void aRunningTomcatServesFromADocumentRootInItsBaseDirectory() {
    File base = data.resolve("tomcat").toFile();
    ServerProperties server = new ServerProperties();
    server.getTomcat().setBasedir(base);
    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
    // as Spring Boot's own customizer applies server.tomcat.basedir
    factory.setBaseDirectory(base);

    new TomcatDocumentRoot(server).customize(factory);
    TomcatWebServer web = (TomcatWebServer) factory.getWebServer();
    web.start();
    try {
      Context context = (Context) web.getTomcat().getHost().findChildren()[0];
      assertThat(Path.of(context.getDocBase()))
          .isEqualTo(data.resolve("tomcat").resolve(TomcatDocumentRoot.DIRECTORY))
          .isEmptyDirectory();
      assertThat(Path.of(context.getCatalinaBase().getPath())).isEqualTo(data.resolve("tomcat"));
      assertThat(data.resolve("tomcat").resolve("work")).isDirectory();
    } finally {
      web.stop();
      web.destroy();
    }
  }

  @Test
  void withoutABaseDirectorySpringBootsDefaultStays() {
    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);

    new TomcatDocumentRoot(new ServerProperties()).customize(factory);

    assertThat(factory.getDocumentRoot()).isNull();
  }
}
