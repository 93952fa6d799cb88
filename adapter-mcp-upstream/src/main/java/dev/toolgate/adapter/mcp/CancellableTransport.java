package dev.toolgate.adapter.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A transport that remembers the JSON-RPC id of each {@code tools/call} it sends, keyed by the
 * call's progress token, so that a cancelled call can be cancelled upstream too: the SDK client
 * (2.1.0) has no API for {@code notifications/cancelled}, so this sends it on the same transport.
 * It also reports a failure to connect at once.
 */
final class CancellableTransport implements McpClientTransport {
  private final McpClientTransport delegate;
  private final Map<Object, Object> requestIds = new ConcurrentHashMap<>();

  private final Consumer<Throwable> onConnectFailure;

  /**
   * @param onConnectFailure told when connecting fails (a subprocess that cannot start): the SDK only
   *     logs that and lets the handshake run into its timeout, so the connection attempt learns it here
   */
  CancellableTransport(McpClientTransport delegate, Consumer<Throwable> onConnectFailure) {
    this.delegate = delegate;
    this.onConnectFailure = onConnectFailure;
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest request
        && McpSchema.METHOD_TOOLS_CALL.equals(request.method())
        && request.params() instanceof McpSchema.CallToolRequest call
        && call.meta() != null
        && call.meta().get("progressToken") != null) {
      requestIds.put(call.meta().get("progressToken"), request.id());
    }
    return delegate.sendMessage(message);
  }

  /** Tells the upstream to stop the call sent with {@code progressToken}, if it was sent. */
  void cancel(Object progressToken, String reason) {
    Object id = requestIds.remove(progressToken);
    if (id != null) {
      delegate.sendMessage(new McpSchema.JSONRPCNotification(
              McpSchema.JSONRPC_VERSION,
              "notifications/cancelled",
              Map.of("requestId", id, "reason", reason)))
          .onErrorResume(e -> Mono.empty())
          .subscribe();
    }
  }

  /** Forgets a call that finished. */
  void finished(Object progressToken) {
    requestIds.remove(progressToken);
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return delegate.connect(handler).doOnError(onConnectFailure);
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return delegate.unmarshalFrom(data, typeRef);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }
}
