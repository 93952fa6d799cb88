package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible chat completions server on 127.0.0.1 (JDK HttpServer), as a local Ollama or
 * vLLM would be: records each request body and answers with scripted replies in order, each a tool
 * call or a final text, in the chat completions wire format.
 */
final class OpenAiStandIn implements AutoCloseable {
  private final HttpServer server;
  private final ConcurrentLinkedDeque<String> script = new ConcurrentLinkedDeque<>();
  final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  /** Requests (by 0-based position) whose reply waits until their latch opens: a slow model. */
  private final java.util.Map<Integer, java.util.concurrent.CountDownLatch> holds =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** Each request's Authorization header ("" when none), in order. */
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  OpenAiStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/chat/completions", exchange -> {
      try (exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        requests.add(Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        java.util.concurrent.CountDownLatch hold = holds.get(requests.size() - 1);
        if (hold != null) {
          try {
            hold.await(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        String body = script.pollFirst();
        int status = body == null ? 500 : 200;
        byte[] bytes = (body == null ? "{\"error\":{\"message\":\"no scripted reply left\"}}" : body)
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Makes the reply to request {@code index} (from 0) wait until {@code release} opens: a slow model. */
  OpenAiStandIn hold(int index, java.util.concurrent.CountDownLatch release) {
    holds.put(index, release);
    return this;
  }

  /** A reply asking for one tool call. */
  OpenAiStandIn thenCall(String id, String tool, ObjectNode arguments) {
    ObjectNode message = Json.object();
    message.put("role", "assistant");
    message.putNull("content");
    ArrayNode calls = message.putArray("tool_calls");
    ObjectNode call = calls.addObject();
    call.put("id", id);
    call.put("type", "function");
    call.putObject("function").put("name", tool).put("arguments", Json.write(arguments));
    script.add(completion(message, "tool_calls", 300, 20));
    return this;
  }

  /** A final text reply. */
  OpenAiStandIn thenAnswer(String text) {
    ObjectNode message = Json.object();
    message.put("role", "assistant");
    message.put("content", text);
    script.add(completion(message, "stop", 500, 40));
    return this;
  }

  private static String completion(ObjectNode message, String finish, int in, int out) {
    ObjectNode body = Json.object();
    body.put("id", "chatcmpl-standin");
    body.put("object", "chat.completion");
    body.put("created", 1_780_000_000);
    body.put("model", "gpt-6-luna");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", finish);
    body.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
    return Json.write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
