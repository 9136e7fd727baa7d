package org.kopir.gateway.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.FieldError;
import org.kopir.gateway.error.KopirException;

/**
 * The signed JSON shape of SPEC §3 and §5: {@code {"<member>": {...}, "signature": {"format":
 * "cms-detached-v1", "value": "<base64 DER>"}}}. Nothing else is allowed at either level, so no
 * unsigned data can ride along with signed data.
 */
public final class SignedJson {

  public static final String FORMAT = "cms-detached-v1";

  /** A content object and its decoded detached signature. */
  public record Parts(ObjectNode content, byte[] signature) {}

  private SignedJson() {}

  /** {@code {"format": "cms-detached-v1", "value": base64(signature)}}. */
  public static ObjectNode signatureObject(byte[] signature) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("format", FORMAT);
    node.put("value", Base64.getEncoder().encodeToString(signature));
    return node;
  }

  /** {@code {member: content, "signature": signatureObject(signature)}}. */
  public static ObjectNode wrap(String member, ObjectNode content, byte[] signature) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set(member, content);
    node.set("signature", signatureObject(signature));
    return node;
  }

  /**
   * Splits a signed object.
   *
   * @throws KopirException {@code BAD_SIGNATURE} with a JSON pointer when the shape is wrong
   */
  public static Parts split(JsonNode signed, String member) {
    if (!(signed instanceof ObjectNode object)) {
      throw refused("", "a signed " + member + " must be a JSON object");
    }
    requireOnlyMembers(object, "", Set.of(member, "signature"));
    if (!(object.get(member) instanceof ObjectNode content)) {
      throw refused("/" + member, "must be an object");
    }
    if (!(object.get("signature") instanceof ObjectNode signature)) {
      throw refused("/signature", "must be an object");
    }
    requireOnlyMembers(signature, "/signature", Set.of("format", "value"));
    JsonNode format = signature.get("format");
    if (format == null || !FORMAT.equals(format.asText(null)) || !format.isTextual()) {
      throw refused("/signature/format", "must be " + FORMAT);
    }
    JsonNode value = signature.get("value");
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw refused("/signature/value", "must be base64 text");
    }
    try {
      return new Parts(content, Base64.getDecoder().decode(value.asText()));
    } catch (IllegalArgumentException e) {
      throw refused("/signature/value", "must be base64 text");
    }
  }

  private static void requireOnlyMembers(ObjectNode object, String pointer, Set<String> allowed) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw refused(pointer, "unexpected member");
      }
    }
    for (String name : allowed) {
      if (!object.has(name)) {
        throw refused(pointer + "/" + name, "is required");
      }
    }
  }

  private static KopirException refused(String pointer, String message) {
    return new KopirException(
        ErrorCode.BAD_SIGNATURE,
        "The signed message is not in the " + FORMAT + " shape.",
        List.of(new FieldError(pointer, message)));
  }
}
