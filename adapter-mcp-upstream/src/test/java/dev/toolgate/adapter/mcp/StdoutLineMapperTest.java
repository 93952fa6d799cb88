package dev.toolgate.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

/** Lines of a stdio upstream's stdout, read the way the SDK's transport reads them. */
class StdoutLineMapperTest {
  private final StdoutLineMapper mapper = new StdoutLineMapper(new JacksonMcpJsonMapper(new ObjectMapper()), "up");

  private McpSchema.JSONRPCMessage read(String line) throws Exception {
    return McpSchema.deserializeJsonRpcMessage(mapper, line);
  }

  @Test
  void passesJsonRpcMessagesThrough() throws Exception {
    assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}"))
        .isInstanceOfSatisfying(McpSchema.JSONRPCResponse.class, r -> assertThat(r.id()).isEqualTo(7));
    assertThat(read("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}"))
        .isInstanceOfSatisfying(McpSchema.JSONRPCNotification.class,
            n -> assertThat(n.method()).isEqualTo("notifications/progress"));
    assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}")).isInstanceOf(McpSchema.JSONRPCRequest.class);
  }

  @Test
  void turnsAnyOtherLineIntoANotificationNoOneHandles() throws Exception {
    for (String line : new String[] {"Server starting...", "{\"jsonrpc\":\"2.0\",\"id\":", "[1,2,3]", "42",
        "{\"jsonrpc\":\"2.0\",\"method\":42}", "{\"hello\":\"world\"}"}) {
      assertThat(read(line)).as(line).isInstanceOfSatisfying(McpSchema.JSONRPCNotification.class,
          n -> assertThat(n.method()).isEqualTo(StdoutLineMapper.IGNORED_METHOD));
    }
  }
}
