package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written MCP server over Streamable HTTP (JSON responses, no SDK) on loopback, for upstreams
 * that break HTTP rather than JSON-RPC. Tools: {@code ok} (read-only, answers "ok"), {@code html}
 * (answers 502 with an HTML page, as a proxy in front of a dead server would), {@code notjson}
 * (answers 200 {@code application/json} whose body is not JSON).
 */
final class RawHttpUpstream implements AutoCloseable {
  private final HttpServer server;

  RawHttpUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/mcp", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        send(exchange, 405, "text/plain", "POST only");
        return;
      }
      JsonNode message = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (!message.has("id")) {
        send(exchange, 202, "text/plain", "");
        return;
      }
      String method = message.path("method").asText();
      ObjectNode result = Json.object();
      switch (method) {
        case "initialize" -> {
          result.put("protocolVersion", message.path("params").path("protocolVersion").asText());
          result.putObject("capabilities").putObject("tools");
          result.putObject("serverInfo").put("name", "raw-http").put("version", "1");
          exchange.getResponseHeaders().add("Mcp-Session-Id", "raw-1");
        }
        case "tools/list" -> {
          ArrayNode tools = result.putArray("tools");
          for (String name : new String[] {"ok", "html", "notjson"}) {
            ObjectNode tool = tools.addObject().put("name", name);
            tool.putObject("inputSchema").put("type", "object");
            tool.putObject("annotations").put("readOnlyHint", true);
          }
        }
        case "tools/call" -> {
          String tool = message.path("params").path("name").asText();
          if (tool.equals("html")) {
            // A long page: the caller gets a bounded error message, not the whole page.
            send(exchange, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1>" + "<p>padding</p>".repeat(500)
                + "</body></html>");
            return;
          }
          if (tool.equals("notjson")) {
            send(exchange, 200, "application/json", "this is not json");
            return;
          }
          result.putArray("content").addObject().put("type", "text").put("text", "ok");
        }
        default -> { }
      }
      ObjectNode answer = Json.object().put("jsonrpc", "2.0");
      answer.set("id", message.get("id"));
      answer.set("result", result);
      send(exchange, 200, "application/json", Json.write(answer));
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
