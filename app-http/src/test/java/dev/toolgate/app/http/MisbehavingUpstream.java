package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A hand-written MCP server over stdio (newline-delimited JSON-RPC, no SDK), so that it can break
 * the protocol in ways a well-behaved SDK server never would. Run as a subprocess by the tests, with
 * one argument: a state directory, where it counts its starts ({@code starts}) and the calls of
 * {@code write} that reached it ({@code writes}, one line per call).
 *
 * <p>Tools: {@code ok} (read-only, answers "ok"), {@code gen<N>} (read-only; N is how many times the
 * process has started, so a restart changes the tool list), {@code write} (not read-only: waits
 * 300 ms, then records the call), {@code crash} (the process exits mid-call), {@code hang} (never
 * answers), {@code garbage} (writes lines that are not JSON-RPC, then answers), {@code malformed}
 * (answers with a result that is not a CallToolResult), {@code flood} (10,000 log and progress
 * notifications, then answers; its optional argument {@code pad} makes each log line that many
 * characters longer).
 */
public final class MisbehavingUpstream {
  static final int FLOOD = 10_000;

  private final PrintStream out;
  private final Path state;
  private final int generation;

  private MisbehavingUpstream(PrintStream out, Path state, int generation) {
    this.out = out;
    this.state = state;
    this.generation = generation;
  }

  public static void main(String[] args) throws IOException {
    Path state = Path.of(args[0]);
    Files.createDirectories(state);
    Files.writeString(state.resolve("starts"), "x\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    int generation = Files.readAllLines(state.resolve("starts")).size();
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    MisbehavingUpstream server = new MisbehavingUpstream(out, state, generation);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (!line.isBlank()) {
        server.handle(Json.parse(line));
      }
    }
  }

  private void handle(JsonNode message) throws IOException {
    JsonNode id = message.get("id");
    if (id == null || !message.has("method")) {
      return; // a notification or a response to us: nothing to answer
    }
    String method = message.path("method").asText();
    switch (method) {
      case "initialize" -> {
        ObjectNode result = Json.object();
        result.put("protocolVersion", message.path("params").path("protocolVersion").asText("2025-06-18"));
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        ((ObjectNode) result.get("capabilities")).putObject("logging");
        result.putObject("serverInfo").put("name", "misbehaving").put("version", "1");
        answer(id, result);
      }
      case "tools/list" -> answer(id, tools());
      case "tools/call" -> call(id, message.path("params"));
      case "ping", "logging/setLevel" -> answer(id, Json.object());
      default -> {
        ObjectNode error = Json.object();
        error.put("code", -32601).put("message", "no method " + method);
        send(envelope(id).set("error", error));
      }
    }
  }

  private ObjectNode tools() {
    ObjectNode result = Json.object();
    ArrayNode tools = result.putArray("tools");
    for (String name : new String[] {"ok", "gen" + generation, "write", "crash", "hang", "garbage", "malformed", "flood"}) {
      ObjectNode tool = tools.addObject();
      tool.put("name", name);
      tool.putObject("inputSchema").put("type", "object");
      boolean readOnly = !name.equals("write");
      tool.putObject("annotations").put("readOnlyHint", readOnly).put("destructiveHint", false);
    }
    return result;
  }

  private void call(JsonNode id, JsonNode params) throws IOException {
    String name = params.path("name").asText();
    switch (name) {
      case "crash" -> Runtime.getRuntime().halt(3);
      case "hang" -> {
        return;
      }
      case "garbage" -> {
        out.println("this is not JSON");
        out.println("{\"jsonrpc\":\"2.0\",\"id\":");
        out.println("[1,2,3]");
        out.println("{\"jsonrpc\":\"2.0\",\"method\":42}");
        out.flush();
      }
      case "malformed" -> {
        // A result whose content is not a list of content blocks.
        ObjectNode result = Json.object();
        result.put("content", "not a list");
        answer(id, result);
        return;
      }
      case "flood" -> {
        JsonNode token = params.path("_meta").get("progressToken");
        String pad = "x".repeat(params.path("arguments").path("pad").asInt(0));
        for (int i = 1; i <= FLOOD; i++) {
          ObjectNode log = Json.object().put("jsonrpc", "2.0").put("method", "notifications/message");
          log.putObject("params").put("level", "info").put("logger", "flood").put("data", "line " + i + pad);
          out.println(Json.write(log));
          if (token != null) {
            ObjectNode progress = Json.object().put("jsonrpc", "2.0").put("method", "notifications/progress");
            progress.putObject("params").put("progress", i).put("total", FLOOD).set("progressToken", token);
            out.println(Json.write(progress));
          }
        }
        out.flush();
      }
      case "write" -> {
        sleep(300);
        Files.writeString(state.resolve("writes"), params.path("arguments").toString() + "\n",
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      default -> { }
    }
    ObjectNode result = Json.object();
    result.putArray("content").addObject().put("type", "text").put("text", name.equals("write")
        ? "written " + Files.readAllLines(state.resolve("writes")).size()
        : name + " " + generation);
    answer(id, result);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void answer(JsonNode id, JsonNode result) {
    send(envelope(id).set("result", result));
  }

  private static ObjectNode envelope(JsonNode id) {
    ObjectNode message = Json.object().put("jsonrpc", "2.0");
    message.set("id", id);
    return message;
  }

  private void send(JsonNode message) {
    out.println(Json.write(message));
    out.flush();
  }
}
