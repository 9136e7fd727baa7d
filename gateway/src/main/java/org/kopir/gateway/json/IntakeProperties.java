package org.kopir.gateway.json;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Limits of the intake channels ({@code kopir.intake.*}). */
@ConfigurationProperties("kopir.intake")
public class IntakeProperties {

  /** Largest accepted request body (SPEC §11: 1 MiB). */
  private int maxBodyBytes = 1024 * 1024;

  public int getMaxBodyBytes() {
    return maxBodyBytes;
  }

  public void setMaxBodyBytes(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }
}
