package org.kopir.gateway.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.Principal;
import java.security.cert.X509Certificate;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditOutcome;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.crypto.NodeCredentialRollover;
import org.kopir.gateway.crypto.SigningCredential;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/node/credentials/reload} (role OPERATOR): re-reads the node signing and TLS
 * key material from its configured files and, when it passes the checks, uses it from the next
 * signature and handshake on. Answers the certificates in use for each ({@code subject}, {@code
 * serial}, {@code notAfter}, {@code replaced}); a rejected reload answers {@code 422
 * CREDENTIALS_REJECTED} naming the credential and leaves everything as it was. Each replaced
 * credential is recorded as {@code key.rotated} with {@code keyType} {@code signing} or {@code
 * tls}, a rejected reload as {@code key.rotated} with outcome {@code failed}.
 */
@RestController
public class NodeCredentialsController {

  private final NodeCredentialRollover rollover;
  private final AuditTrail audit;
  private final ObjectMapper mapper = new ObjectMapper();

  public NodeCredentialsController(NodeCredentialRollover rollover, AuditTrail audit) {
    this.rollover = rollover;
    this.audit = audit;
  }

  @PostMapping(
      path = "/api/v1/node/credentials/reload",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ObjectNode reload(Principal principal) {
    String actor = "user:" + principal.getName();
    NodeCredentialRollover.Reload reload;
    try {
      reload = rollover.reload();
    } catch (KopirException e) {
      audit.record(
          AuditEntry.of(AuditEvent.KEY_ROTATED)
              .actor(actor)
              .outcome(AuditOutcome.FAILED)
              .detail("keyType", rejected(e))
              .detail("code", e.code().name())
              .build());
      throw e;
    }
    if (reload.signingChanged()) {
      record(actor, "signing", reload.before().signing(), reload.after().signing());
    }
    if (reload.tlsChanged()) {
      record(actor, "tls", reload.before().tls(), reload.after().tls());
    }
    ObjectNode body = mapper.createObjectNode();
    describe(body.putObject("signing"), reload.after().signing(), reload.signingChanged());
    describe(body.putObject("tls"), reload.after().tls(), reload.tlsChanged());
    return body;
  }

  private void record(String actor, String keyType, SigningCredential old, SigningCredential now) {
    audit.record(
        AuditEntry.of(AuditEvent.KEY_ROTATED)
            .actor(actor)
            .detail("keyType", keyType)
            .detail("oldSerial", serial(old.certificate()))
            .detail("newSerial", serial(now.certificate()))
            .detail("notAfter", now.certificate().getNotAfter().toInstant().toString())
            .build());
  }

  private static void describe(ObjectNode node, SigningCredential credential, boolean replaced) {
    X509Certificate certificate = credential.certificate();
    node.put("subject", certificate.getSubjectX500Principal().getName());
    node.put("serial", serial(certificate));
    node.put("notAfter", certificate.getNotAfter().toInstant().toString());
    node.put("replaced", replaced);
  }

  /** The credential a refusal names ({@code signing}, {@code tls}...), without the slash. */
  private static String rejected(KopirException e) {
    return e.errors().stream()
        .map(FieldError::pointer)
        .map(pointer -> pointer.substring(1))
        .findFirst()
        .orElse("node");
  }

  /** Hexadecimal serial number, as {@code openssl x509 -serial} prints it. */
  static String serial(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
  }
}
