package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's WebSocket client on {@code /ws/chat}, collecting each JSON message received and the
 * close code the server sends.
 */
final class WsTestClient implements AutoCloseable {
  final WebSocket socket;
  final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closedWith = new CompletableFuture<>();

  private WsTestClient(HttpClient client, URI uri, String... headers) {
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    socket = builder.buildAsync(uri, new Listener()).join();
  }

  /** Opens a socket, with the key in {@code Authorization} when given. */
  static WsTestClient connect(TestGateway gateway, String query, String key) {
    URI uri = uri(gateway, query);
    return key == null ? new WsTestClient(gateway.client, uri) : new WsTestClient(gateway.client, uri, "Authorization", "Bearer " + key);
  }

  /** Opens a socket with one header of the caller's choosing. */
  static WsTestClient connectWith(TestGateway gateway, String header, String value) {
    return new WsTestClient(gateway.client, uri(gateway, null), header, value);
  }

  static URI uri(TestGateway gateway, String query) {
    return URI.create("ws://127.0.0.1:" + gateway.server.port() + WsChatRoutes.PATH + (query == null ? "" : "?" + query));
  }

  /** The HTTP status the upgrade was refused with; fails if the socket opened. */
  static int refusedStatus(TestGateway gateway, String query, String... headers) {
    try {
      new WsTestClient(gateway.client, uri(gateway, query), headers).close();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
    throw new AssertionError("the upgrade was accepted");
  }

  void send(String frame) {
    socket.sendText(frame, true).join();
  }

  /** The next message, waiting up to 15 s. */
  JsonNode next() {
    try {
      JsonNode message = received.poll(15, TimeUnit.SECONDS);
      if (message == null) {
        throw new AssertionError("no message within 15 s");
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Messages up to and including the final one ({@code complete} or {@code error}) of {@code requestId}. */
  List<JsonNode> untilFinal(String requestId) {
    List<JsonNode> messages = new ArrayList<>();
    while (true) {
      JsonNode message = next();
      if (!requestId.equals(message.path("request_id").asText(null))) {
        throw new AssertionError("expected messages of " + requestId + ", got " + message);
      }
      messages.add(message);
      String status = message.path("status").asText();
      if (status.equals("complete") || status.equals("error")) {
        return messages;
      }
    }
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(Json.parse(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closedWith.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closedWith.completeExceptionally(error);
    }
  }
}
