package org.kopir.gateway.pseudonymization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Applies a payload schema's {@code x-handling} annotations to a payload before it leaves the
 * sending node (SPEC §2, §4): refuses fields outside the purpose, computes the child's link keys
 * from the payload as submitted, then splits it into the cleared payload and the protected fields.
 * {@link #merge} is the inverse used where the identity block is opened (reveal-at-delivery).
 */
public final class PseudonymizationPolicy {

  private final Pseudonymizer pseudonymizer;
  private final PseudonymizationProperties properties;
  private final LinkKeyExtractor linkKeys;
  private final PurposeProfiles purposeProfiles;

  public PseudonymizationPolicy(
      Pseudonymizer pseudonymizer, PseudonymizationProperties properties) {
    this(pseudonymizer, properties, properties.getPurposeProfiles());
  }

  /** With the purpose profiles of one partnership instead of the node's defaults. */
  public PseudonymizationPolicy(
      Pseudonymizer pseudonymizer,
      PseudonymizationProperties properties,
      Map<String, List<String>> purposeProfiles) {
    this.pseudonymizer = pseudonymizer;
    this.properties = properties;
    this.linkKeys = new LinkKeyExtractor(pseudonymizer);
    this.purposeProfiles = new PurposeProfiles(purposeProfiles);
  }

  /**
   * Splits {@code payload} (left untouched) along {@code payloadSchema}.
   *
   * @throws org.kopir.gateway.error.KopirException {@code PURPOSE_LIMITATION} for fields outside
   *     the type's purpose profile; {@code SCHEMA_VIOLATION} for fields the schema does not
   *     classify or values a handling cannot apply to
   * @throws IllegalStateException if the schema itself breaks the annotation contract
   */
  public PseudonymizedPayload apply(
      PayloadContext context, ObjectNode payload, JsonNode payloadSchema, SchemaResolver resolver) {
    purposeProfiles.check(context.messageType(), payload);
    List<String> keys = linkKeys.linkKeys(payload, properties.linkKeysFor(context.messageType()));
    PayloadWalker walker =
        new PayloadWalker(
            resolver,
            value ->
                pseudonymizer.caseToken(context.senderCountry(), context.senderAgency(), value));
    return walker.walk(payload, payloadSchema, keys);
  }

  /**
   * Puts protected fields back into a cleared payload: objects merge member by member, arrays
   * element by element ({@code null} = nothing protected there), and a protected value replaces
   * what the cleared payload holds at its path (a birth year gives way to the full date). Neither
   * argument is modified.
   *
   * @throws IllegalArgumentException if an array of protected fields does not fit its counterpart
   */
  public static ObjectNode merge(ObjectNode cleared, ObjectNode protectedFields) {
    ObjectNode merged = cleared.deepCopy();
    mergeObject(merged, protectedFields, "");
    return merged;
  }

  private static void mergeObject(ObjectNode target, ObjectNode source, String pointer) {
    source
        .properties()
        .forEach(
            member -> {
              String memberPointer = pointer + "/" + PayloadWalker.escape(member.getKey());
              JsonNode existing = target.get(member.getKey());
              JsonNode value = member.getValue();
              if (!mergeInto(existing, value, memberPointer)) {
                target.set(member.getKey(), value.deepCopy());
              }
            });
  }

  private static void mergeArray(ArrayNode target, ArrayNode source, String pointer) {
    if (target.size() != source.size()) {
      throw new IllegalArgumentException("protected fields do not fit the payload at " + pointer);
    }
    for (int i = 0; i < source.size(); i++) {
      JsonNode value = source.get(i);
      if (value.isNull()) {
        continue;
      }
      if (!mergeInto(target.get(i), value, pointer + "/" + i)) {
        target.set(i, value.deepCopy());
      }
    }
  }

  /** Merges containers of the same shape in place; false when the value simply replaces. */
  private static boolean mergeInto(JsonNode existing, JsonNode value, String pointer) {
    if (existing instanceof ObjectNode target && value instanceof ObjectNode source) {
      mergeObject(target, source, pointer);
      return true;
    }
    if (existing instanceof ArrayNode target && value instanceof ArrayNode source) {
      mergeArray(target, source, pointer);
      return true;
    }
    return false;
  }
}
