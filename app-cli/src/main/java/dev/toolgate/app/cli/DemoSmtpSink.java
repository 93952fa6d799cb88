package dev.toolgate.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The smallest SMTP server the FlowChat demo needs: it accepts every message on loopback, counts it
 * and throws it away. {@code toolgate demo flowchat} points the reference email worker at it, so the
 * demo sends real SMTP without a mail server on the machine; it is not a mail server.
 */
final class DemoSmtpSink implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  private DemoSmtpSink(ServerSocket server) {
    this.server = server;
    this.acceptor = new Thread(this::acceptLoop, "toolgate-demo-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Listens on a free loopback port. */
  static DemoSmtpSink start() {
    try {
      return new DemoSmtpSink(new ServerSocket(0, 16, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, "the demo's SMTP sink could not listen on loopback: " + e.getMessage());
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** Messages received completely (their DATA ended with the lone dot) so far. */
  int accepted() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread session = new Thread(() -> converse(socket), "toolgate-demo-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void converse(Socket socket) {
    try (socket) {
      socket.setSoTimeout(30_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      reply(out, "220 toolgate-demo SMTP sink");
      String line;
      while ((line = in.readLine()) != null) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
        switch (verb) {
          case "DATA" -> {
            reply(out, "354 end with <CRLF>.<CRLF>");
            String data;
            while ((data = in.readLine()) != null && !data.equals(".")) {
              // the message is discarded
            }
            accepted.incrementAndGet();
            reply(out, "250 accepted");
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "250 ok");
        }
      }
    } catch (IOException e) {
      // a client that goes away mid-conversation is its own problem; the sink keeps listening
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
