package org.kopir.gateway.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds RFC 9457 problem documents carrying a SPEC §10 code. */
public final class ProblemBody {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ProblemBody() {}

  public static ObjectNode of(KopirException refusal) {
    return of(refusal.code(), refusal.getMessage(), refusal);
  }

  public static ObjectNode of(ErrorCode code, String detail) {
    return of(code, detail, null);
  }

  private static ObjectNode of(ErrorCode code, String detail, KopirException refusal) {
    ObjectNode problem = MAPPER.createObjectNode();
    problem.put("type", "urn:kopir:problem:" + code.name().toLowerCase().replace('_', '-'));
    problem.put("title", code.title());
    problem.put("status", code.httpStatus());
    problem.put("code", code.name());
    if (detail != null) {
      problem.put("detail", detail);
    }
    if (refusal != null && !refusal.errors().isEmpty()) {
      ArrayNode errors = problem.putArray("errors");
      for (FieldError error : refusal.errors()) {
        errors.addObject().put("pointer", error.pointer()).put("message", error.message());
      }
    }
    return problem;
  }
}
