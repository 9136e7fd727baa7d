package org.kopir.gateway.pseudonymization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.Principal;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.KopirException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' pseudonym-key API (SPEC §8.1, role OPERATOR; docs/privacy.md §4): {@code GET
 * /api/v1/partners/{partner}/pseudonym-keys} shows the kids (never key material), {@code POST
 * .../reload} re-reads the key directory, {@code POST .../current} with {@code {"kid": "k2"}} makes
 * a kid current, {@code DELETE .../{kid}} destroys a kid after the overlap. Each answers with the
 * partnership's key ring as it now stands.
 */
@RestController
@RequestMapping(
    path = "/api/v1/partners/{partner}/pseudonym-keys",
    produces = MediaType.APPLICATION_JSON_VALUE)
public class PseudonymKeyController {

  /** A {@code {"kid": ...}} body is a few dozen bytes. */
  private static final int MAX_BODY = 1024;

  private final PseudonymKeyAdministration keys;
  private final ObjectMapper mapper = new ObjectMapper();

  public PseudonymKeyController(PseudonymKeyAdministration keys) {
    this.keys = keys;
  }

  @GetMapping
  public PseudonymKeyAdministration.KeyRingState state(@PathVariable String partner) {
    return keys.state(partner);
  }

  @PostMapping("/reload")
  public PseudonymKeyAdministration.KeyRingState reload(
      @PathVariable String partner, Principal principal) {
    return keys.reload(partner, actor(principal));
  }

  @PostMapping("/current")
  public PseudonymKeyAdministration.KeyRingState rotate(
      @PathVariable String partner,
      @RequestBody(required = false) byte[] body,
      Principal principal) {
    return keys.rotateTo(partner, kid(body), actor(principal));
  }

  @DeleteMapping("/{kid}")
  public PseudonymKeyAdministration.KeyRingState destroy(
      @PathVariable String partner, @PathVariable String kid, Principal principal) {
    return keys.destroy(partner, kid, actor(principal));
  }

  private String kid(byte[] body) {
    if (body == null || body.length == 0 || body.length > MAX_BODY) {
      throw new KopirException(ErrorCode.MALFORMED_JSON, "Expected {\"kid\": \"...\"}.");
    }
    try {
      JsonNode json = mapper.readTree(body);
      if (json == null || !json.isObject() || !json.path("kid").isTextual()) {
        throw new KopirException(ErrorCode.MALFORMED_JSON, "Expected {\"kid\": \"...\"}.");
      }
      return json.get("kid").asText();
    } catch (IOException e) {
      throw new KopirException(ErrorCode.MALFORMED_JSON, "Expected {\"kid\": \"...\"}.");
    }
  }

  private static String actor(Principal principal) {
    return "user:" + principal.getName();
  }
}
