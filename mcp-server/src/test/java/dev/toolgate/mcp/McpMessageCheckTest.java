package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class McpMessageCheckTest {
  private final McpMessageCheck check = new McpMessageCheck(Set.of("notifications/initialized"));
  /** The tree-building check this one replaced: the verdicts must not change. */
  private final TreeMessageCheck before = new TreeMessageCheck(Set.of("notifications/initialized"));

  private McpMessageCheck.Refuse refused(String body) {
    McpMessageCheck.Verdict verdict = check.check(body);
    assertThat(verdict).as(body).isInstanceOf(McpMessageCheck.Refuse.class);
    return (McpMessageCheck.Refuse) verdict;
  }

  @Test
  void messagesThatAreNotJsonRpcAreBadRequestsWithANullId() {
    assertThat(refused("null").code()).isEqualTo("invalid_message");
    assertThat(refused("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]").code()).isEqualTo("batch_not_supported");
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":").rpcCode()).isEqualTo(McpMessageCheck.PARSE_ERROR);
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}").message()).contains("'id'");
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1}").message()).contains("'method'");
    McpMessageCheck.Refuse version = refused("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"ping\"}");
    assertThat(version.status()).isEqualTo(400);
    assertThat(version.id().asInt()).isEqualTo(5);
  }

  @Test
  void paramsAMethodCannotTakeAreAnsweredInJsonRpcWithTheRequestsId() {
    McpMessageCheck.Refuse initialize = refused("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\"}");
    McpMessageCheck.Refuse call =
        refused("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":5}}");

    assertThat(initialize.status()).isEqualTo(200);
    assertThat(initialize.rpcCode()).isEqualTo(McpMessageCheck.INVALID_PARAMS);
    assertThat(initialize.id().asInt()).isEqualTo(7);
    assertThat(call.message()).contains("'params.name' must be a string, got number");
    assertThat(call.id().asText()).isEqualTo("a");
  }

  @Test
  void wellFormedMessagesPassAndUnhandledNotificationsAreDropped() {
    assertThat(check.check("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
        .isEqualTo(new McpMessageCheck.Pass(false));
    assertThat(check.check("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")).isEqualTo(new McpMessageCheck.Pass(true));
    assertThat(check.check("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
        .isEqualTo(new McpMessageCheck.Pass(false));
    assertThat(check.check("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}"))
        .isInstanceOf(McpMessageCheck.Drop.class);
  }

  @Test
  void aMemberNamedTwiceCountsWithItsLastValue() {
    assertThat(check.check("{\"jsonrpc\":\"2.0\",\"id\":{},\"id\":1,\"method\":\"ping\"}"))
        .isEqualTo(new McpMessageCheck.Pass(false));
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":[],\"method\":\"ping\"}").message())
        .isEqualTo("'id' must be a string or an integer, got array");
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\"},"
        + "\"params\":{\"name\":2}}").message()).contains("'params.name' must be a string, got number");
    // An argument named twice keeps its first place and its last value.
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"p\","
        + "\"arguments\":{\"a\":\"x\",\"b\":1,\"a\":true}}}").message())
        .isEqualTo("prompts/get: argument 'a' must be a string, got boolean");
  }

  @Test
  void membersCountInAnyOrder() {
    assertThat(refused("{\"id\":3,\"method\":\"ping\",\"jsonrpc\":\"1.0\"}").message()).isEqualTo("'jsonrpc' must be \"2.0\"");
    assertThat(check.check("{\"method\":\"ping\",\"id\":3,\"jsonrpc\":\"2.0\"}")).isEqualTo(new McpMessageCheck.Pass(false));
    // prompts/get named after its params (and after a first, other method): arguments are still checked.
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"name\":\"p\","
        + "\"arguments\":{\"a\":1}},\"method\":\"prompts/get\"}").message())
        .isEqualTo("prompts/get: argument 'a' must be a string, got number");
  }

  @Test
  void unicodeEscapesInAMethodNameAreTheMethod() {
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools\\u002fcall\"}").message())
        .isEqualTo("tools/call needs 'params' with 'name'");
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\\u0020\"}").message())
        .isEqualTo("'method' must be a non-empty string");
  }

  @Test
  void hugeIdsAndNumbersAreJudgedAsBefore() {
    String big = "123456789012345678901234567890";
    McpMessageCheck.Refuse version = refused("{\"jsonrpc\":\"2\",\"id\":" + big + ",\"method\":\"ping\"}");
    assertThat(version.id().bigIntegerValue()).hasToString(big);
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}").message()).endsWith("got number");
    String tooLong = "9".repeat(2_000); // over Jackson's limit on a number's length, even deep in arguments
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\","
        + "\"arguments\":{\"n\":[" + tooLong + "]}}}").code()).isEqualTo("malformed_json");
  }

  @Test
  void nestingDeeperThanTheLimitIsMalformedWherever() {
    String atLimit = "[".repeat(ToolgateMcp.MAX_NESTING_DEPTH - 3) + "]".repeat(ToolgateMcp.MAX_NESTING_DEPTH - 3);
    String over = "[".repeat(ToolgateMcp.MAX_NESTING_DEPTH + 1) + "]".repeat(ToolgateMcp.MAX_NESTING_DEPTH + 1);
    String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\",\"arguments\":{\"x\":%s}}}";
    assertThat(check.check(call.formatted(atLimit))).isEqualTo(new McpMessageCheck.Pass(false));
    assertThat(refused(call.formatted(over)).code()).isEqualTo("malformed_json");
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"extra\":" + over + "}").code())
        .isEqualTo("malformed_json");
  }

  @Test
  void aSecondValueAfterTheMessageIsMalformed() {
    assertThat(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {}").message())
        .startsWith("the message is not valid JSON at line 1, column 42: Trailing token (of type START_OBJECT)");
    assertThat(refused("[] 1").code()).isEqualTo("malformed_json");
    assertThat(refused(" \\n ").code()).isEqualTo("malformed_json");
    assertThat(refused(" \n ").message()).isEqualTo("the request body is empty; send one JSON-RPC message");
  }

  @Test
  void givesTheTreeBuildingChecksVerdictOnEdgesAndOnThousandsOfMutatedMessages() {
    List<String> bodies = new ArrayList<>(List.of(
        "", " ", "null", "1", "\"x\"", "true", "[]", "[1,", "{}", "{", "{\"a\":}", "{'a':1}", "{\"a\":1}/*c*/",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":-0,\"result\":null}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1,\"message\":\"m\",\"code\":1.0}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1,\"message\":\"m\"},\"error\":null}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1,\"message\":\"m\"},\"result\":1}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":null}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":1,\"capabilities\":[]}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"p\",\"arguments\":null}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"p\",\"arguments\":[]}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"\\ud800\",\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p\u0000\"}"));
    Random random = new Random(13);
    for (int i = 0; i < 20_000; i++) {
      bodies.add(mutated(random, message(random)));
    }
    for (String body : bodies) {
      assertThat(check.check(body)).as(body).hasToString(before.check(body).toString());
    }
  }

  private static final String[] METHODS = {
    "initialize", "tools/call", "prompts/get", "resources/read", "completion/complete", "logging/setLevel", "ping",
    "notifications/initialized", "notifications/other", "tools\\/call", "", " "};
  private static final String[] MEMBERS = {
    "jsonrpc", "id", "method", "params", "result", "error", "extra"};
  private static final String[] PARAMS = {
    "name", "arguments", "protocolVersion", "capabilities", "clientInfo", "uri", "ref", "argument", "level", "_meta"};

  private static String message(Random random) {
    StringBuilder text = new StringBuilder("{");
    int members = random.nextInt(7);
    for (int i = 0; i < members; i++) {
      String name = i < 3 && random.nextInt(4) != 0 ? MEMBERS[i] : MEMBERS[random.nextInt(MEMBERS.length)];
      String value = switch (name) {
        case "jsonrpc" -> random.nextInt(8) == 0 ? value(random, 1) : "\"2.0\"";
        case "id" -> random.nextInt(5) == 0 ? value(random, 1) : String.valueOf(random.nextInt(100));
        case "method" -> random.nextInt(8) == 0 ? value(random, 1) : "\"" + METHODS[random.nextInt(METHODS.length)] + "\"";
        case "params" -> random.nextInt(6) == 0 ? value(random, 1) : object(random, PARAMS, 3);
        case "error" -> random.nextInt(3) == 0 ? value(random, 1) : object(random, new String[] {"code", "message", "data"}, 2);
        default -> value(random, 2);
      };
      text.append(i == 0 ? "" : ",").append('"').append(name).append("\":").append(value);
    }
    return text.append('}').toString();
  }

  private static String object(Random random, String[] names, int depth) {
    StringBuilder text = new StringBuilder("{");
    int members = random.nextInt(5);
    for (int i = 0; i < members; i++) {
      String name = names[random.nextInt(names.length)];
      String value = random.nextInt(3) == 0 ? "\"s\"" : name.equals("arguments") ? object(random, new String[] {"a", "b"}, depth - 1) : value(random, depth - 1);
      text.append(i == 0 ? "" : ",").append('"').append(name).append("\":").append(value);
    }
    return text.append('}').toString();
  }

  private static String value(Random random, int depth) {
    return switch (random.nextInt(depth > 0 ? 10 : 8)) {
      case 0 -> "null";
      case 1 -> "true";
      case 2 -> String.valueOf(random.nextInt(1000) - 500);
      case 3 -> "1.5e3";
      case 4 -> "\"2.0\"";
      case 5 -> "\"\"";
      case 6 -> "12345678901234567890123";
      case 7 -> "\"x\\u0041\"";
      case 8 -> "[" + value(random, depth - 1) + "," + value(random, depth - 1) + "]";
      default -> object(random, new String[] {"code", "message", "a"}, depth - 1);
    };
  }

  /** Most messages as made; some cut short, with a character dropped or changed, or followed by more. */
  private static String mutated(Random random, String text) {
    int at = text.isEmpty() ? 0 : random.nextInt(text.length());
    return switch (random.nextInt(10)) {
      case 0 -> text.substring(0, at);
      case 1 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1));
      case 2 -> text.substring(0, at) + "{}[],:\"\\ 1x".charAt(random.nextInt(11)) + text.substring(at);
      case 3 -> text + pick(random, " ", " {}", "x", "]", "\n1");
      case 4 -> "[" + text + "]";
      default -> text;
    };
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
