package org.kopir.gateway.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.error.ProblemBody;

/** Writes a problem+json answer from a servlet filter. */
final class ProblemWriter {

  private ProblemWriter() {}

  static void write(HttpServletResponse response, ErrorCode code, String detail)
      throws IOException {
    response.setStatus(code.httpStatus());
    response.setContentType(ProblemBody.MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(ProblemBody.of(code, detail).toString());
  }
}
