package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRpcIdRecorderTest {
  private final JsonRpcIdRecorder mapper = new JsonRpcIdRecorder(new JacksonMcpJsonMapper(new ObjectMapper()));

  @SuppressWarnings("unchecked")
  private McpSchema.CallToolRequest decodeCall(String json) throws Exception {
    McpSchema.JSONRPCRequest request = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(mapper, json);
    return mapper.convertValue(request.params(), McpSchema.CallToolRequest.class);
  }

  @Test
  void aToolCallCarriesItsJsonRpcIdInMetaNextToTheClientsOwnMeta() throws Exception {
    McpSchema.CallToolRequest call =
        decodeCall(
            "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{\"name\":\"t\",\"arguments\":{},"
                + "\"_meta\":{\"progressToken\":\"p\"}}}");

    assertThat(JsonRpcIdRecorder.idOf(call.meta())).isEqualTo(JsonRpcIdRecorder.key(42));
    assertThat(call.progressToken()).isEqualTo("p");
  }

  @Test
  void stringIdsAndCallsWithoutMetaAreRecordedToo() throws Exception {
    McpSchema.CallToolRequest call =
        decodeCall("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}");

    assertThat(JsonRpcIdRecorder.idOf(call.meta())).isEqualTo("abc");
  }

  @Test
  void otherMessagesAreLeftAlone() throws Exception {
    McpSchema.JSONRPCRequest list =
        (McpSchema.JSONRPCRequest)
            McpSchema.deserializeJsonRpcMessage(mapper, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}");

    assertThat((Map<?, ?>) list.params()).isEmpty();
  }
}
