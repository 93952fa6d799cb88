package dev.toolgate.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON mapper the transports decode messages with, noting each {@code tools/call} request's
 * JSON-RPC id in its params' {@code _meta} (under {@value #META_KEY}). The SDK does not hand request
 * handlers that id, yet {@code notifications/cancelled} names a call by it; both transports decode
 * every incoming message through this mapper, so the tool call handler can find its own id here.
 */
final class JsonRpcIdRecorder implements McpJsonMapper {
  static final String META_KEY = McpTools.META + "jsonrpc_id";

  private final McpJsonMapper delegate;

  JsonRpcIdRecorder(McpJsonMapper delegate) {
    this.delegate = delegate;
  }

  /** The id recorded in a request's {@code _meta}, or null. */
  static String idOf(Map<String, Object> meta) {
    Object id = meta == null ? null : meta.get(META_KEY);
    return id == null ? null : id.toString();
  }

  /** The form of a JSON-RPC id used as a key: the same for the request and for its cancellation. */
  static String key(Object jsonRpcId) {
    return jsonRpcId == null ? null : jsonRpcId.toString();
  }

  @Override
  public <T> T convertValue(Object fromValue, Class<T> type) {
    if (type == McpSchema.JSONRPCRequest.class
        && fromValue instanceof Map<?, ?> message
        && McpSchema.METHOD_TOOLS_CALL.equals(message.get("method"))
        && message.get("params") instanceof Map<?, ?> params) {
      Map<String, Object> meta = new HashMap<>();
      if (params.get("_meta") instanceof Map<?, ?> given) {
        given.forEach((k, v) -> meta.put(String.valueOf(k), v));
      }
      meta.put(META_KEY, key(message.get("id")));
      Map<String, Object> newParams = new HashMap<>();
      params.forEach((k, v) -> newParams.put(String.valueOf(k), v));
      newParams.put("_meta", meta);
      Map<String, Object> newMessage = new HashMap<>();
      message.forEach((k, v) -> newMessage.put(String.valueOf(k), v));
      newMessage.put("params", newParams);
      return delegate.convertValue(newMessage, type);
    }
    return delegate.convertValue(fromValue, type);
  }

  @Override
  public <T> T convertValue(Object fromValue, TypeRef<T> type) {
    return delegate.convertValue(fromValue, type);
  }

  @Override
  public <T> T readValue(String content, Class<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(byte[] content, Class<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(String content, TypeRef<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public String writeValueAsString(Object value) throws IOException {
    return delegate.writeValueAsString(value);
  }

  @Override
  public byte[] writeValueAsBytes(Object value) throws IOException {
    return delegate.writeValueAsBytes(value);
  }
}
