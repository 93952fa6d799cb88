package dev.toolgate.adapter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.Redaction;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.tool.ClientRequests;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolContext;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One upstream MCP server: its SDK client, connected in the background and reconnected with
 * exponential backoff; its current tools; and the calls in flight, to which upstream progress, logs,
 * elicitation and sampling requests are routed. Thread-safe.
 */
final class UpstreamConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamConnection.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  private static final AtomicLong TOKENS = new AtomicLong();
  private static final int MAX_DESCRIBED = 300;
  /** The {@code _meta} key of a tools/call that carries the call's effect key (see ADR 0011). */
  static final String IDEMPOTENCY_KEY_META = "dev.toolgate/idempotency_key";

  private final McpServerConfig config;
  private final ScheduledExecutorService scheduler;
  private final Runnable onToolsChanged;
  private final UpstreamEvents events;
  private final JacksonMcpJsonMapper jsonMapper = new JacksonMcpJsonMapper(new ObjectMapper());
  private final Map<Object, ToolContext> inFlight = new ConcurrentHashMap<>();
  private final Map<Object, CompletableFuture<McpSchema.CallToolResult>> pending = new ConcurrentHashMap<>();

  private volatile McpAsyncClient client;
  private volatile CancellableTransport transport;
  private volatile List<McpSchema.Tool> upstreamTools = List.of();
  private volatile UpstreamListing listing = UpstreamListing.EMPTY;
  private final java.util.Set<String> subscribed = ConcurrentHashMap.newKeySet();
  private volatile UpstreamStatus.State state = UpstreamStatus.State.CONNECTING;
  private volatile String lastError;
  private volatile boolean closed;
  private int failedAttempts;
  private int reconnects;
  private long generation;
  private long failedGeneration;

  UpstreamConnection(
      McpServerConfig config, ScheduledExecutorService scheduler, Runnable onToolsChanged, UpstreamEvents events) {
    this.config = config;
    this.scheduler = scheduler;
    this.onToolsChanged = onToolsChanged;
    this.events = events;
  }

  /** What an upstream tells the gateway besides its tools. */
  interface UpstreamEvents {
    /** Its prompts, resources or templates were (re)listed. */
    void listed();

    /** A subscribed resource changed. */
    void resourceUpdated(String uri);
  }

  McpServerConfig config() {
    return config;
  }

  /** Starts connecting in the background; never blocks and never throws. */
  void start() {
    scheduler.execute(this::connect);
  }

  /** The upstream tools the config exposes, as last listed (kept while reconnecting). */
  List<McpSchema.Tool> tools() {
    return upstreamTools.stream().filter(t -> UpstreamTools.exposed(config, t.name())).toList();
  }

  UpstreamStatus status(int toolCount, List<String> problems) {
    synchronized (this) {
      return new UpstreamStatus(config.name(), transportName(), config.endpoint(), state, lastError, toolCount,
          reconnects, problems);
    }
  }

  private String transportName() {
    return switch (config.transport()) {
      case STDIO -> "stdio";
      case STREAMABLE_HTTP -> "streamable-http";
      case SSE -> "sse";
    };
  }

  private void connect() {
    long attempt;
    synchronized (this) {
      if (closed) {
        return;
      }
      attempt = ++generation;
    }
    McpAsyncClient candidate = null;
    try {
      CompletableFuture<Throwable> connectFailure = new CompletableFuture<>();
      McpClientTransport raw = transport();
      CancellableTransport candidateTransport = new CancellableTransport(raw, connectFailure::complete);
      candidateTransport.setExceptionHandler(e -> lost(attempt, e));
      candidate = McpClient.async(candidateTransport)
          .clientInfo(new McpSchema.Implementation("toolgate", "0.1.0"))
          .requestTimeout(config.timeout())
          .initializationTimeout(config.connectionTimeout())
          .capabilities(McpSchema.ClientCapabilities.builder().elicitation().sampling().build())
          .toolsChangeConsumer(tools -> Mono.fromRunnable(() -> toolsListed(tools)))
          .progressConsumer(p -> Mono.fromRunnable(() -> progress(p)))
          .loggingConsumer(m -> Mono.fromRunnable(() -> log(m)))
          .promptsChangeConsumer(prompts -> Mono.fromRunnable(() -> relisted(listing.withPrompts(prompts))))
          .resourcesChangeConsumer(resources -> Mono.fromRunnable(() -> scheduler.execute(this::relistResources)))
          .resourcesUpdateConsumer(contents -> Mono.fromRunnable(() -> updated(contents)))
          .elicitation(request -> forward("elicitation", "elicitation/create", request, McpSchema.ElicitResult.class))
          .sampling(request -> forward("sampling", "sampling/createMessage", request, McpSchema.CreateMessageResult.class))
          .build();
      CompletableFuture<McpSchema.InitializeResult> initialized = candidate.initialize().toFuture();
      connectFailure.thenAccept(initialized::completeExceptionally);
      await(initialized, config.connectionTimeout().plusSeconds(1));
      List<McpSchema.Tool> listed = listAll(candidate);
      UpstreamListing others = listOthers(candidate);
      synchronized (this) {
        if (closed || attempt != generation) {
          candidate.close();
          return;
        }
        client = candidate;
        transport = candidateTransport;
        upstreamTools = List.copyOf(listed);
        listing = others;
      }
      resubscribe(candidate);
      events.listed();
      if (raw instanceof StdioClientTransport stdio) {
        watchExit(stdio, attempt);
      }
      // The registry learns the tools before the status says connected, so "connected" means usable.
      onToolsChanged.run();
      synchronized (this) {
        if (closed || attempt != generation) {
          return;
        }
        state = UpstreamStatus.State.CONNECTED;
        lastError = null;
        failedAttempts = 0;
      }
      LOG.info("upstream MCP server '{}' connected over {} with {} tool(s)", config.name(), transportName(), listed.size());
    } catch (RuntimeException e) {
      if (candidate != null) {
        closeQuietly(candidate);
      }
      failed(attempt, "cannot connect to " + config.endpoint() + ": " + redact(describe(e)));
    }
  }

  private static <T> T await(CompletableFuture<T> future, Duration timeout) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer to initialize within " + timeout.toMillis() + " ms", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /**
   * The SDK's stdio transport does not fail requests in flight when its process dies; they would
   * wait for their timeout. Watching the process turns a crash into a prompt error and a reconnect.
   */
  private void watchExit(StdioClientTransport stdio, long attempt) {
    Thread watcher = new Thread(() -> {
      try {
        stdio.awaitForExit();
      } catch (RuntimeException e) {
        return;
      }
      lost(attempt, new java.io.IOException("the server process exited"));
    }, "mcp-upstream-" + config.name() + "-exit");
    watcher.setDaemon(true);
    watcher.start();
  }

  private List<McpSchema.Tool> listAll(McpAsyncClient c) {
    List<McpSchema.Tool> all = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page = c.listTools(cursor).block(config.timeout());
      all.addAll(page.tools());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  private void toolsListed(List<McpSchema.Tool> tools) {
    upstreamTools = List.copyOf(tools);
    onToolsChanged.run();
  }

  /** The transport reported the connection broken (a stdio process exited, a stream failed). */
  private void lost(long attempt, Throwable error) {
    synchronized (this) {
      if (closed || attempt != generation || state != UpstreamStatus.State.CONNECTED) {
        return;
      }
    }
    failed(attempt, "connection lost: " + redact(describe(error)));
  }

  private void failed(long attempt, String error) {
    Duration delay;
    McpAsyncClient old;
    synchronized (this) {
      // Once per connection: a lost process and the calls it fails all report the same failure.
      if (closed || attempt != generation || attempt == failedGeneration) {
        return;
      }
      failedGeneration = attempt;
      lastError = error;
      ConnectionLostException lost = new ConnectionLostException(error);
      pending.values().forEach(f -> f.completeExceptionally(lost));
      old = client;
      client = null;
      failedAttempts++;
      if (config.maxReconnectAttempts() >= 0 && failedAttempts > config.maxReconnectAttempts()) {
        state = UpstreamStatus.State.FAILED;
        LOG.warn("upstream MCP server '{}' {}; giving up after {} attempt(s)", config.name(), error, failedAttempts);
        return;
      }
      state = UpstreamStatus.State.RECONNECTING;
      reconnects++;
      long factor = 1L << Math.min(failedAttempts - 1, 16);
      delay = config.initialReconnectDelay().multipliedBy(factor);
      if (delay.compareTo(MAX_BACKOFF) > 0) {
        delay = MAX_BACKOFF;
      }
    }
    if (old != null) {
      closeQuietly(old);
    }
    LOG.warn("upstream MCP server '{}' {}; retrying in {} ms", config.name(), error, delay.toMillis());
    scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private McpClientTransport transport() {
    return switch (config.transport()) {
      case STDIO -> {
        ServerParameters.Builder params = ServerParameters.builder(config.command()).args(config.args());
        Map<String, String> env = new LinkedHashMap<>(config.env());
        params.env(env);
        StdoutLineMapper lines = new StdoutLineMapper(jsonMapper, config.name());
        StdioClientTransport stdio = config.cwd() == null
            ? new StdioClientTransport(params.build(), lines)
            : new WorkingDirectoryStdioTransport(params.build(), lines, config.cwd());
        stdio.setStdErrorHandler(line -> LOG.debug("upstream '{}' stderr: {}", config.name(), line));
        yield stdio;
      }
      case STREAMABLE_HTTP -> {
        URI uri = URI.create(config.url());
        yield HttpClientStreamableHttpTransport.builder(base(uri))
            .endpoint(pathAndQuery(uri))
            .jsonMapper(jsonMapper)
            .connectTimeout(config.connectionTimeout())
            .requestBuilder(headers())
            .build();
      }
      case SSE -> {
        URI uri = URI.create(config.url());
        yield HttpClientSseClientTransport.builder(base(uri))
            .sseEndpoint(pathAndQuery(uri))
            .jsonMapper(jsonMapper)
            .connectTimeout(config.connectionTimeout())
            .requestBuilder(headers())
            .build();
      }
    };
  }

  // Only the upstream's own configured headers go out: a downstream caller's token never does.
  private HttpRequest.Builder headers() {
    HttpRequest.Builder builder = HttpRequest.newBuilder();
    config.headers().forEach(builder::header);
    return builder;
  }

  private static String base(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static String pathAndQuery(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  /** The upstream's prompts, resources and templates, as last listed (kept while reconnecting). */
  UpstreamListing listing() {
    return listing;
  }

  // Tools are what an upstream is for: a server that fails to list its prompts or resources is still used.
  private UpstreamListing listOthers(McpAsyncClient c) {
    try {
      return UpstreamListing.of(c, config.timeout());
    } catch (RuntimeException e) {
      LOG.warn("upstream MCP server '{}' could not list its prompts or resources: {}", config.name(), describe(e));
      return UpstreamListing.EMPTY;
    }
  }

  private void relisted(UpstreamListing next) {
    listing = next;
    events.listed();
  }

  private void relistResources() {
    McpAsyncClient c = client;
    if (c == null) {
      return;
    }
    relisted(listOthers(c));
  }

  private void updated(List<McpSchema.ResourceContents> contents) {
    contents.stream().map(McpSchema.ResourceContents::uri).distinct().forEach(events::resourceUpdated);
  }

  /** A new session starts without subscriptions: renew those the gateway's clients hold. */
  private void resubscribe(McpAsyncClient c) {
    for (String uri : subscribed) {
      c.subscribeResource(new McpSchema.SubscribeRequest(uri))
          .subscribe(null, e -> LOG.warn("upstream MCP server '{}' refused to renew the subscription to {}: {}",
              config.name(), uri, describe(e)));
    }
  }

  /** {@code prompts/get} of the upstream's prompt {@code upstreamName}. */
  McpSchema.GetPromptResult getPrompt(String upstreamName, Map<String, Object> arguments) {
    return ask("prompt '" + config.exposedName(upstreamName) + "'",
        c -> c.getPrompt(new McpSchema.GetPromptRequest(upstreamName, arguments)));
  }

  McpSchema.ReadResourceResult readResource(String uri) {
    return ask("resource " + uri, c -> c.readResource(new McpSchema.ReadResourceRequest(uri)));
  }

  McpSchema.CompleteResult complete(McpSchema.CompleteRequest request) {
    return ask("completion", c -> c.completeCompletion(request));
  }

  void subscribe(String uri) {
    ask("subscription to " + uri, c -> c.subscribeResource(new McpSchema.SubscribeRequest(uri)).thenReturn(Boolean.TRUE));
    subscribed.add(uri);
  }

  void unsubscribe(String uri) {
    if (subscribed.remove(uri) && client != null) {
      ask("subscription to " + uri, c -> c.unsubscribeResource(new McpSchema.UnsubscribeRequest(uri)).thenReturn(Boolean.TRUE));
    }
  }

  /**
   * One request to the upstream, answered within its timeout. An upstream's "not found" and "invalid
   * params" are the caller's to fix; anything else means the upstream could not serve it.
   */
  private <T> T ask(String what, java.util.function.Function<McpAsyncClient, Mono<T>> request) {
    McpAsyncClient c = client;
    if (c == null) {
      throw new UnavailableException("upstream MCP server '" + config.name() + "' is not connected"
          + (lastError == null ? " yet" : " (" + lastError + ")"));
    }
    try {
      T result = request.apply(c).block(config.timeout());
      if (result == null) {
        throw new UnavailableException("upstream '" + config.name() + "' gave no answer for " + what);
      }
      return result;
    } catch (McpError error) {
      var rpc = error.getJsonRpcError();
      int code = rpc == null ? 0 : rpc.code();
      String message = rpc == null ? describe(error) : rpc.message();
      if (code == McpSchema.ErrorCodes.RESOURCE_NOT_FOUND) {
        throw new NotFoundException("upstream '" + config.name() + "' has no " + what + ": " + message);
      }
      if (code == McpSchema.ErrorCodes.INVALID_PARAMS) {
        throw new InvalidRequestException("upstream '" + config.name() + "' refused " + what + ": " + message);
      }
      throw new UnavailableException("upstream '" + config.name() + "' answered " + what + " with error " + code + ": "
          + message);
    } catch (UnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (McpError.findRootCause(e) instanceof TimeoutException) {
        throw new UnavailableException("upstream '" + config.name() + "' did not answer " + what + " within "
            + config.timeout().toMillis() + " ms (timeout_seconds)");
      }
      throw new UnavailableException("upstream '" + config.name() + "' failed on " + what + ": " + describe(e), e);
    }
  }

  /**
   * The request's {@code _meta}: the progress token, and the call's effect key (when the call has an
   * idempotency key) under {@link #IDEMPOTENCY_KEY_META}, so that an upstream that honours it can
   * de-duplicate a call the gateway sends twice (MCP reserves {@code _meta} for such side information).
   */
  private static Map<String, Object> meta(String token, ToolInvocation invocation) {
    Map<String, Object> meta = new java.util.LinkedHashMap<>();
    meta.put("progressToken", token);
    if (invocation.idempotencyKey() != null) {
      meta.put(IDEMPOTENCY_KEY_META, invocation.idempotencyKey());
    }
    return meta;
  }

  /** Calls the upstream tool {@code upstreamName}; see {@link McpUpstreams} for the mapping of failures. */
  ToolResult call(String upstreamName, ToolInvocation invocation) {
    McpAsyncClient c = client;
    CancellableTransport t = transport;
    if (c == null || t == null) {
      throw new UnavailableException("upstream MCP server '" + config.name() + "' is not connected"
          + (lastError == null ? " yet" : " (" + lastError + ")"));
    }
    String token = "toolgate-" + TOKENS.incrementAndGet();
    @SuppressWarnings("unchecked")
    Map<String, Object> arguments = UpstreamTools.read(invocation.arguments(), Map.class);
    McpSchema.CallToolRequest request = new McpSchema.CallToolRequest(upstreamName, arguments, meta(token, invocation));
    ToolContext context = invocation.context();
    inFlight.put(token, context);
    CompletableFuture<McpSchema.CallToolResult> future = new CompletableFuture<>();
    pending.put(token, future);
    Disposable subscription = c.callTool(request).subscribe(future::complete, future::completeExceptionally);
    context.onCancel(() -> {
      subscription.dispose();
      t.cancel(token, "cancelled by the gateway's caller");
      future.completeExceptionally(new java.util.concurrent.CancellationException());
    });
    try {
      McpSchema.CallToolResult result = future.get(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      return UpstreamTools.result(result);
    } catch (InterruptedException e) {
      // The pipeline interrupts a call that exceeded its own timeout: stop upstream as well.
      subscription.dispose();
      t.cancel(token, "timed out at the gateway");
      Thread.currentThread().interrupt();
      throw new UnavailableException("call to '" + config.exposedName(upstreamName) + "' was interrupted");
    } catch (TimeoutException e) {
      subscription.dispose();
      t.cancel(token, "timed out at the gateway");
      throw timedOut(upstreamName);
    } catch (java.util.concurrent.CancellationException e) {
      throw new UnavailableException("call to '" + config.exposedName(upstreamName) + "' was cancelled");
    } catch (java.util.concurrent.ExecutionException e) {
      throw failure(upstreamName, e.getCause(), t, token);
    } finally {
      inFlight.remove(token);
      pending.remove(token);
      t.finished(token);
    }
  }

  private RuntimeException failure(String upstreamName, Throwable cause, CancellableTransport t, String token) {
    String tool = config.exposedName(upstreamName);
    if (cause instanceof java.util.concurrent.CancellationException) {
      return new UnavailableException("call to '" + tool + "' was cancelled");
    }
    if (cause instanceof ConnectionLostException lost) {
      return new UnavailableException("upstream '" + config.name() + "' failed during '" + tool + "': " + redact(lost.getMessage()));
    }
    if (cause instanceof TimeoutException || McpError.findRootCause(cause) instanceof TimeoutException) {
      t.cancel(token, "timed out at the gateway");
      return timedOut(upstreamName);
    }
    if (cause instanceof McpError error && error.getJsonRpcError() != null) {
      var rpc = error.getJsonRpcError();
      if (rpc.code() == McpSchema.ErrorCodes.INVALID_PARAMS) {
        return new InvalidRequestException("upstream '" + config.name() + "' refused the arguments of '" + tool
            + "': " + redact(rpc.message()));
      }
      return new UnavailableException("upstream '" + config.name() + "' answered '" + tool + "' with error "
          + rpc.code() + ": " + redact(rpc.message()));
    }
    // Anything else is the connection failing: report it and reconnect in the background.
    long attempt;
    synchronized (this) {
      attempt = generation;
    }
    String described = redact(describe(cause));
    scheduler.execute(() -> failed(attempt, "call failed: " + described));
    return new UnavailableException("upstream '" + config.name() + "' failed during '" + tool + "': " + described);
  }

  /**
   * Upstream text with the credentials this server was configured with (header values, env values,
   * {@code secret:} references resolved) masked: an upstream that echoes them must not carry them to
   * agents, chat turns or tool logs.
   */
  private String redact(String text) {
    List<String> secrets = new ArrayList<>(config.headers().values());
    secrets.addAll(config.env().values());
    return Redaction.mask(text, secrets);
  }

  private UnavailableException timedOut(String upstreamName) {
    return new UnavailableException("upstream '" + config.name() + "' did not answer '"
        + config.exposedName(upstreamName) + "' within " + config.timeout().toMillis() + " ms (timeout_seconds)");
  }

  private void progress(McpSchema.ProgressNotification notification) {
    ToolContext context = inFlight.get(notification.progressToken());
    if (context != null) {
      context.progress(notification.progress(), notification.total(), notification.message());
    }
  }

  // MCP log messages are not tied to a request; every call in flight on this upstream sees them.
  private void log(McpSchema.LoggingMessageNotification message) {
    JsonNode data = message.data() == null ? null : TextNode.valueOf(message.data());
    String level = message.level() == null ? "info" : message.level().name().toLowerCase(java.util.Locale.ROOT);
    inFlight.values().forEach(c -> c.log(level, message.logger(), data));
  }

  /**
   * Forwards an upstream's request to the downstream client of a call in flight that declared the
   * capability; an upstream asks during a call, so that call's caller is the one to answer. Refused
   * with an MCP error when no such caller exists.
   */
  private <T> Mono<T> forward(String capability, String method, Object request, Class<T> resultType) {
    Optional<ClientRequests> target = inFlight.values().stream()
        .map(ToolContext::client)
        .flatMap(Optional::stream)
        .filter(c -> c.supports(capability))
        .findFirst();
    if (target.isEmpty()) {
      return Mono.error(McpError.builder(McpSchema.ErrorCodes.METHOD_NOT_FOUND)
          .message("the gateway's caller does not support " + capability)
          .build());
    }
    JsonNode params = UpstreamTools.write(request);
    return Mono.fromCallable(() -> UpstreamTools.read(target.get().request(method, params, config.timeout()), resultType))
        .subscribeOn(Schedulers.boundedElastic())
        .onErrorMap(e -> !(e instanceof McpError), e -> McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
            .message(capability + " through the gateway failed: " + e.getMessage())
            .build());
  }

  private static String describe(Throwable e) {
    Throwable root = McpError.findRootCause(e);
    if (root.getMessage() == null) {
      return root.getClass().getSimpleName();
    }
    // The SDK quotes an HTTP upstream's whole error body (an HTML page, say): callers and logs get its start.
    String message = root.getMessage().length() > MAX_DESCRIBED
        ? root.getMessage().substring(0, MAX_DESCRIBED) + "…"
        : root.getMessage();
    return root == e ? message : message + " (" + root.getClass().getSimpleName() + ")";
  }

  private void closeQuietly(McpAsyncClient c) {
    try {
      c.closeGracefully().block(Duration.ofSeconds(2));
    } catch (RuntimeException e) {
      c.close();
    }
  }

  @Override
  public void close() {
    McpAsyncClient c;
    synchronized (this) {
      closed = true;
      c = client;
      client = null;
    }
    if (c != null) {
      closeQuietly(c);
    }
  }

  /** Fails the calls in flight when their connection is gone. */
  private static final class ConnectionLostException extends RuntimeException {
    ConnectionLostException(String message) {
      super(message, null, false, false);
    }
  }
}
