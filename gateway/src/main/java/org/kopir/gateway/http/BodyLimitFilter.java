package org.kopir.gateway.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
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
      return new BufferedBody(body);
    }
  }

  /** The buffered body as a stream; it hands its bytes over without copying them first. */
  static final class BufferedBody extends ServletInputStream {
    private final byte[] body;
    private int position;

    BufferedBody(byte[] body) {
      this.body = body;
    }

    @Override
    public boolean isFinished() {
      return position == body.length;
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
      return position < body.length ? body[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (position == body.length) {
        return -1;
      }
      int n = Math.min(len, body.length - position);
      System.arraycopy(body, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public int available() {
      return body.length - position;
    }

    @Override
    public byte[] readAllBytes() {
      byte[] rest = Arrays.copyOfRange(body, position, body.length);
      position = body.length;
      return rest;
    }

    /** Writes the rest of the body from its own array, without a buffer of the copy's. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
      int n = body.length - position;
      out.write(body, position, n);
      position = body.length;
      return n;
    }
  }
}
