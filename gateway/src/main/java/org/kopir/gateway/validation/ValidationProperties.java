package org.kopir.gateway.validation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the message schemas live ({@code kopir.validation.*}). */
@ConfigurationProperties("kopir.validation")
public class ValidationProperties {

  /**
   * Where the {@code *.schema.json} files are: the copy of {@code schemas/} packaged in the jar
   * ({@code classpath:kopir/schemas}), or a directory on disk ({@code file:} or no prefix, relative
   * to the working directory).
   */
  private String schemasDir = "classpath:kopir/schemas";

  public String getSchemasDir() {
    return schemasDir;
  }

  public void setSchemasDir(String schemasDir) {
    this.schemasDir = schemasDir;
  }
}
