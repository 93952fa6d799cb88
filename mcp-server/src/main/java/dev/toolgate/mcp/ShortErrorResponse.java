package dev.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the SDK's error bodies from reaching the client. The SDK answers its refusals (400, 404, 405,
 * 413, 415, 500) by serializing its exception, stack trace included, or through the container's error
 * page; once it sets an error status, whatever it writes is captured here, and {@link #finish} writes
 * a short JSON-RPC error in its place that keeps only the SDK's one-line message.
 */
final class ShortErrorResponse extends HttpServletResponseWrapper {
  private static final int MAX_MESSAGE_CHARS = 200;

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private boolean capturing;
  private String errorMessage;
  private PrintWriter writer;
  private ServletOutputStream stream;

  ShortErrorResponse(HttpServletResponse response) {
    super(response);
  }

  /** True once the SDK answered with an error status. */
  boolean failed() {
    return capturing;
  }

  @Override
  public void setStatus(int status) {
    super.setStatus(status);
    capturing = status >= 400;
  }

  @Override
  public void sendError(int status, String message) {
    super.setStatus(status);
    capturing = true;
    errorMessage = message;
  }

  @Override
  public void sendError(int status) {
    sendError(status, null);
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (!capturing) {
      return super.getWriter();
    }
    if (writer == null) {
      writer = new PrintWriter(new OutputStreamWriter(captured, StandardCharsets.UTF_8));
    }
    return writer;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (!capturing) {
      return super.getOutputStream();
    }
    if (stream == null) {
      stream = new ServletOutputStream() {
        @Override
        public void write(int b) {
          captured.write(b);
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          throw new IllegalStateException("error bodies are written synchronously");
        }
      };
    }
    return stream;
  }

  /**
   * The SDK's own one-line message: the one given to {@code sendError}, or the {@code message} of the
   * exception it serialized (its first line, shortened), else null.
   */
  String sdkMessage() {
    String message = errorMessage;
    if (message == null && captured.size() > 0) {
      if (writer != null) {
        writer.flush();
      }
      try {
        JsonNode body = Json.parse(captured.toString(StandardCharsets.UTF_8));
        message = body.path("message").isTextual() ? body.path("message").asText() : null;
      } catch (RuntimeException e) { // not JSON: keep no part of it
        message = null;
      }
    }
    if (message == null || message.isBlank()) {
      return null;
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > MAX_MESSAGE_CHARS ? line.substring(0, MAX_MESSAGE_CHARS) + "…" : line;
  }
}
