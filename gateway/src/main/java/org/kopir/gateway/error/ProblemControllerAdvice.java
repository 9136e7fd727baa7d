package org.kopir.gateway.error;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders refusals from Spring MVC controllers as problem+json. */
@RestControllerAdvice
public class ProblemControllerAdvice {

  @ExceptionHandler(KopirException.class)
  public ResponseEntity<ObjectNode> refusal(KopirException refusal) {
    return ResponseEntity.status(refusal.code().httpStatus())
        .contentType(MediaType.parseMediaType(ProblemBody.MEDIA_TYPE))
        .body(ProblemBody.of(refusal));
  }
}
