package dev.toolgate.adapter.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON mapper of a stdio upstream's transport, which skips lines of its stdout that are not
 * JSON-RPC messages. The SDK's stdio transport (2.1.0) stops reading the process's stdout at the
 * first line it cannot parse, while the process lives on: every later call would then wait for its
 * timeout, forever. Servers that print a banner or a stray debug line are common, so such a line is
 * logged and turned into a notification no one handles, and the transport keeps reading.
 */
final class StdoutLineMapper implements McpJsonMapper {
  private static final Logger LOG = LoggerFactory.getLogger(StdoutLineMapper.class);
  private static final int SHOWN = 200;
  static final String IGNORED_METHOD = "notifications/toolgate/ignored_line";

  private final McpJsonMapper delegate;
  private final String server;

  StdoutLineMapper(McpJsonMapper delegate, String server) {
    this.delegate = delegate;
    this.server = server;
  }

  // The transport reads each line as a map, then tells requests, notifications and responses apart.
  @Override
  public <T> T readValue(String content, TypeRef<T> type) throws IOException {
    Object value;
    try {
      value = delegate.readValue(content, type);
    } catch (IOException | RuntimeException e) {
      return ignored(content, type, "not a JSON object");
    }
    if (!(value instanceof Map<?, ?> map)) {
      return ignored(content, type, "not a JSON object");
    }
    boolean message = map.get("method") instanceof String
        || (map.containsKey("id") && (map.containsKey("result") || map.containsKey("error")));
    @SuppressWarnings("unchecked")
    T result = message ? (T) value : ignored(content, type, "not a JSON-RPC message");
    return result;
  }

  private <T> T ignored(String content, TypeRef<T> type, String why) {
    String shown = content.length() > SHOWN ? content.substring(0, SHOWN) + "…" : content;
    LOG.warn("upstream MCP server '{}' wrote a line on stdout that is {}, skipped: {}", server, why, shown);
    Map<String, Object> notification = new HashMap<>();
    notification.put("jsonrpc", "2.0");
    notification.put("method", IGNORED_METHOD);
    return delegate.convertValue(notification, type);
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
  public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T convertValue(Object from, Class<T> type) {
    return delegate.convertValue(from, type);
  }

  @Override
  public <T> T convertValue(Object from, TypeRef<T> type) {
    return delegate.convertValue(from, type);
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
