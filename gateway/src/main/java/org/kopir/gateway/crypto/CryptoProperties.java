package org.kopir.gateway.crypto;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys, certificates and trust anchors of this node ({@code kopir.crypto.*}). Every file left unset
 * defaults to the development PKI layout under {@link #getCertsDir()}: own material in {@code
 * <certs-dir>/<kopir.node>/}, each partner's in {@code <certs-dir>/<partner node>/} unless {@code
 * kopir.partners.<node>.*} names them (see docs/security.md for the table).
 */
@ConfigurationProperties("kopir.crypto")
public class CryptoProperties {

  /** Root of the PKI layout that unset file properties default into. */
  private Path certsDir = Path.of("certs-dev");

  /** Message and receipt signing key (default {@code node-signing.key/.crt}). */
  private KeySource signing = new KeySource();

  /** Audit checkpoint signing key (default {@code node-audit.key/.crt}). */
  private KeySource audit = new KeySource();

  /** Node TLS key, server and client (default {@code node-tls.key/.crt}). */
  private KeySource tls = new KeySource();

  /** This node's CA certificate: issuer of its own and its agencies' certificates. */
  private Path ownCa;

  /** This node's CA CRL, checked for agency client certificates on the local API. */
  private Path ownCrl;

  /**
   * Keys of local agencies served in {@code reveal-at-delivery} mode, as {@code
   * <agency>-encryption.key/.crt} (default {@code <node>/agencies}). Keys of {@code end-to-end}
   * agencies are never loaded.
   */
  private Path localAgencyKeysDir;

  /** Signature algorithm of outgoing messages; {@code auto} follows the signing key. */
  private SignatureAlgorithm signatureAlgorithm = SignatureAlgorithm.AUTO;

  /**
   * JCA provider of ECDSA and of identity-block key pairs: {@code bouncy-castle} or {@code jdk};
   * choose by {@code EcProviderBenchmark} on the node's machine.
   */
  private EcProvider ecProvider = EcProvider.DEFAULT;

  /** Oldest acceptable {@code header.sentAt} (SPEC §11). */
  private Duration replayWindow = Duration.ofDays(7);

  /** How far in the future {@code header.sentAt} may be (SPEC §11). */
  private Duration clockSkew = Duration.ofMinutes(5);

  /** Certificates expiring sooner than this are reported by the {@code certificates} health. */
  private Duration expiryWarning = Duration.ofDays(30);

  public EcProvider getEcProvider() {
    return ecProvider;
  }

  public void setEcProvider(EcProvider ecProvider) {
    this.ecProvider = ecProvider;
  }

  public Path getCertsDir() {
    return certsDir;
  }

  public void setCertsDir(Path certsDir) {
    this.certsDir = certsDir;
  }

  public KeySource getSigning() {
    return signing;
  }

  public void setSigning(KeySource signing) {
    this.signing = signing;
  }

  public KeySource getAudit() {
    return audit;
  }

  public void setAudit(KeySource audit) {
    this.audit = audit;
  }

  public KeySource getTls() {
    return tls;
  }

  public void setTls(KeySource tls) {
    this.tls = tls;
  }

  public Path getOwnCa() {
    return ownCa;
  }

  public void setOwnCa(Path ownCa) {
    this.ownCa = ownCa;
  }

  public Path getOwnCrl() {
    return ownCrl;
  }

  public void setOwnCrl(Path ownCrl) {
    this.ownCrl = ownCrl;
  }

  public Path getLocalAgencyKeysDir() {
    return localAgencyKeysDir;
  }

  public void setLocalAgencyKeysDir(Path localAgencyKeysDir) {
    this.localAgencyKeysDir = localAgencyKeysDir;
  }

  public SignatureAlgorithm getSignatureAlgorithm() {
    return signatureAlgorithm;
  }

  public void setSignatureAlgorithm(SignatureAlgorithm signatureAlgorithm) {
    this.signatureAlgorithm = signatureAlgorithm;
  }

  public Duration getReplayWindow() {
    return replayWindow;
  }

  public void setReplayWindow(Duration replayWindow) {
    this.replayWindow = replayWindow;
  }

  public Duration getClockSkew() {
    return clockSkew;
  }

  public void setClockSkew(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }

  public Duration getExpiryWarning() {
    return expiryWarning;
  }

  public void setExpiryWarning(Duration expiryWarning) {
    this.expiryWarning = expiryWarning;
  }

  /**
   * Where a private key and its certificate come from: PEM files ({@code key-file} + {@code
   * certificate-file}) or a PKCS#12 store ({@code pkcs12-file} + {@code password}, optional {@code
   * alias}). The password never appears in {@link #toString()}.
   */
  public static class KeySource {
    private Path keyFile;
    private Path certificateFile;
    private Path pkcs12File;
    private String password;
    private String alias;

    public boolean isPkcs12() {
      return pkcs12File != null;
    }

    public Path getKeyFile() {
      return keyFile;
    }

    public void setKeyFile(Path keyFile) {
      this.keyFile = keyFile;
    }

    public Path getCertificateFile() {
      return certificateFile;
    }

    public void setCertificateFile(Path certificateFile) {
      this.certificateFile = certificateFile;
    }

    public Path getPkcs12File() {
      return pkcs12File;
    }

    public void setPkcs12File(Path pkcs12File) {
      this.pkcs12File = pkcs12File;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public String getAlias() {
      return alias;
    }

    public void setAlias(String alias) {
      this.alias = alias;
    }

    @Override
    public String toString() {
      return isPkcs12()
          ? "KeySource[pkcs12=" + pkcs12File + ", alias=" + alias + "]"
          : "KeySource[key=" + keyFile + ", certificate=" + certificateFile + "]";
    }
  }
}
