package org.kopir.gateway.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.kopir.gateway.error.ErrorCode;
import org.kopir.gateway.json.IntakeProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with {@code 413} before anything buffers them (SPEC §11).
 * Bodies without a declared length are read up to the limit plus one byte, never further.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodyLimitFilter extends OncePerRequestFilter {

  private final IntakeProperties properties;

  public BodyLimitFilter(IntakeProperties properties) {
    this.properties = properties;
  }

  /**
   * The console's HTML forms are parsed by the container (its form limit, {@code
   * server.tomcat.max-http-form-post-size}, applies); reading their body here would hide the form
   * fields from it.
   */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getRequestURI().startsWith("/console/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!hasBody(request)) {
      chain.doFilter(request, response);
      return;
    }
    int limit = properties.getMaxBodyBytes();
    if (request.getContentLengthLong() > limit) {
      refuse(response, limit);
      return;
    }
    byte[] body = read(request.getInputStream(), request.getContentLengthLong(), limit);
    if (body.length > limit) {
      refuse(response, limit);
      return;
    }
    chain.doFilter(new BufferedBodyRequest(request, body), response);
  }

  /**
   * A declared length is read as such, into one array of that size: the container ends the body
   * there. A body without one is read up to the limit plus one byte.
   */
  private static byte[] read(InputStream in, long declaredLength, int limit) throws IOException {
    return in.readNBytes(declaredLength >= 0 ? (int) declaredLength : limit + 1);
  }

  private static boolean hasBody(HttpServletRequest request) {
    String method = request.getMethod();
    return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
  }

  private static void refuse(HttpServletResponse response, int limit) throws IOException {
    response.setHeader("Connection", "close");
    ProblemWriter.write(
        response, ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds " + limit + " bytes.");
  }

  /** A request whose body was read once and is served again from memory. */
  private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("asynchronous reads are not supported");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public int available() {
          return in.available();
        }

        @Override
        public byte[] readAllBytes() {
          return in.readAllBytes();
        }

        /**
         * The rest of the body in one write from its own array. Neither this stream's inherited way
         * nor {@link ByteArrayInputStream}'s would: they copy it through a buffer of their own.
         */
        @Override
        public long transferTo(OutputStream out) throws IOException {
          int rest = in.available();
          out.write(body, body.length - rest, rest);
          in.skip(rest);
          return rest;
        }
      };
    }
  }
}
