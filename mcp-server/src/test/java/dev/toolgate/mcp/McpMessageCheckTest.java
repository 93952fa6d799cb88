package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class McpMessageCheckTest {
  private final McpMessageCheck check = new McpMessageCheck(Set.of("notifications/initialized"));

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
}
