package org.kopir.gateway.validation;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the message schemas live ({@code kopir.validation.*}). */
@ConfigurationProperties("kopir.validation")
public class ValidationProperties {

  /** Directory of the {@code *.schema.json} files, relative to the working directory. */
  private Path schemasDir = Path.of("schemas");

  public Path getSchemasDir() {
    return schemasDir;
  }

  public void setSchemasDir(Path schemasDir) {
    this.schemasDir = schemasDir;
  }
}
