package dev.toolgate.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One {@code GET /healthz} over a plain socket, for {@code serve --exit-when-ready}. A socket and not
 * {@code java.net.http}: the launcher's class-data training runs this, and the archive should hold the
 * server's classes, not an HTTP client's that a server never loads.
 */
final class ReadyProbe {
  private static final int TIMEOUT_MILLIS = 10_000;

  private ReadyProbe() {}

  /** The HTTP status {@code host:port} answers {@code GET /healthz} with. */
  static int healthzStatus(String host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host.replace("[", "").replace("]", ""), port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /healthz HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return status(socket.getInputStream());
    }
  }

  /** The status code of a response's first line, {@code HTTP/1.1 200 OK}. */
  static int status(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != -1 && b != '\n' && line.length() < 200; b = in.read()) {
      line.append((char) b);
    }
    String[] parts = line.toString().trim().split(" ");
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response: '" + line.toString().trim() + "'");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status: '" + line.toString().trim() + "'", e);
    }
  }
}
