package dev.toolgate.app.http;

import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.InvalidCommandException;
import dev.toolgate.core.Toolgate;
import dev.toolgate.mcp.McpHttpEndpoint;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.chat.PlannerUnavailableException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST server over a {@link ToolgateRuntime}. {@link #close()} stops gracefully: no new
 * connections, in-flight requests get up to 10 seconds to finish. The runtime stays
 * open; whoever opened it closes it.
 */
public final class ToolgateServer implements AutoCloseable {
  static final long DRAIN_MILLIS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(ToolgateServer.class);

  /** Jetty's setting of how many object references fill a CPU cache line (it pads hot fields by it). */
  static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

  static {
    // Unset, Jetty asks the platform MBean server whether references are compressed: that starts JMX
    // (about 250 classes and 0.1-0.2 s of every start) for a padding size. A heap under 32 GB has 4-byte
    // references, 16 to a 64-byte line; only padding depends on it, never behaviour.
    if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
      System.setProperty(
          JETTY_REFERENCES_PER_CACHE_LINE, Runtime.getRuntime().maxMemory() < (32L << 30) ? "16" : "8");
    }
  }

  private final Javalin app;
  private final WsChatRoutes wsChat;
  private final ChatResumeThreads chatResumes;
  private final Duration turnDrain;

  private ToolgateServer(Javalin app, WsChatRoutes wsChat, ChatResumeThreads chatResumes, Duration turnDrain) {
    this.app = app;
    this.wsChat = wsChat;
    this.chatResumes = chatResumes;
    this.turnDrain = turnDrain;
  }

  /**
   * Starts listening on the runtime's {@code host}:{@code port} (port 0 picks a free one).
   *
   * @throws ServerStartException when it cannot listen there
   */
  public static ToolgateServer start(ToolgateRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime");
    Settings settings = runtime.settings();
    Clock clock = Clock.systemUTC();
    Toolgate toolgate = runtime.toolgate();
    Authenticator auth = new Authenticator(toolgate.keys());
    WsChatRoutes wsChat =
        new WsChatRoutes(
            toolgate, auth, new WsTickets(clock, WsTickets.TTL), new ChatReplays(runtime.idempotencyStore(), clock));
    Javalin app = Javalin.create(config -> configure(config, runtime, settings, auth, wsChat, clock));
    try {
      app.start();
    } catch (JavalinException e) {
      stopQuietly(app, e);
      throw startFailure(settings, e);
    }
    recoverPausedTurns(toolgate);
    LOG.atInfo()
        .addKeyValue("host", settings.host())
        .addKeyValue("port", app.port())
        .log("Toolgate {} listening on http://{}:{}", ToolgateVersion.current(), settings.host(), app.port());
    // A streamed turn may wait on tools for up to their execution timeout; shutdown waits that long.
    return new ToolgateServer(app, wsChat, runtime.chatResumes(), settings.gatewayConfig().executionTimeout());
  }

  /**
   * Javalin reports every bind problem as "port already in use"; the socket's own message tells the
   * cases apart, so the operator is pointed at the right setting.
   */
  static ServerStartException startFailure(Settings settings, Exception failure) {
    String where = settings.host() + ":" + settings.port();
    String reason = "";
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException && cause.getMessage() != null) {
        reason = cause.getMessage();
      }
    }
    String lower = reason.toLowerCase(Locale.ROOT);
    String sentence;
    if (lower.contains("already in use")) {
      sentence = "cannot listen on " + where + ": the port is already in use; stop the other process or choose"
          + " another port (--port or PORT)";
    } else if (lower.contains("assign requested address") || lower.contains("not available")) {
      sentence = "cannot listen on " + where + ": " + settings.host() + " is not an address of this machine;"
          + " set TOOLGATE_HOST to one of its addresses, or 0.0.0.0 for all of them";
    } else if (lower.contains("permission denied") || lower.contains("access denied")) {
      sentence = "cannot listen on " + where + ": ports below 1024 need administrator rights; choose a port of"
          + " 1024 or more (--port or PORT)";
    } else {
      sentence = "cannot listen on " + where + (reason.isEmpty() ? "" : ": " + reason);
    }
    return new ServerStartException(sentence, failure);
  }

  /**
   * Turns left paused by a previous run (it stopped between an approval's decision and the turn's
   * resume) go on now, in the background; a store failing here is logged, and maintenance retries.
   */
  private static void recoverPausedTurns(Toolgate toolgate) {
    try {
      int resumed = toolgate.chat().recoverPausedTurns();
      if (resumed > 0) {
        LOG.info("resuming {} chat turns whose approval was decided while the gateway was down", resumed);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not look for paused chat turns to resume: {}", e.toString());
    }
  }

  /** Releases what a failed start left behind; the start failure is what the caller reports. */
  private static void stopQuietly(Javalin app, Exception startFailure) {
    try {
      app.stop();
    } catch (RuntimeException e) {
      startFailure.addSuppressed(e);
    }
  }

  /** The port actually listened on. */
  public int port() {
    return app.port();
  }

  /**
   * Stops accepting, lets chat turns resumed after an approval and WebSocket chat turns finish (each
   * up to the execution timeout) and closes their
   * sockets with 1001 (going away), drains in-flight requests (up to 10 s), then stops. Does not
   * close the runtime.
   */
  @Override
  public void close() {
    try {
      // Resumed turns first, while their sockets are still open to take the answer.
      chatResumes.stop(turnDrain);
      wsChat.stop(turnDrain);
    } finally {
      app.stop();
    }
  }

  private static void configure(
      JavalinConfig config, ToolgateRuntime runtime, Settings settings, Authenticator auth, WsChatRoutes wsChat,
      Clock clock) {
    Toolgate toolgate = runtime.toolgate();
    Requests requests = new Requests(settings.maxBodyBytes());
    RequestLifecycle lifecycle = new RequestLifecycle(settings.corsOrigins());

    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = settings.maxBodyBytes();
    config.http.prefer405over404 = true;
    config.http.defaultContentType = Replies.JSON;
    config.jetty.host = settings.host();
    config.jetty.port = settings.port();
    config.jetty.modifyServer(
        server -> {
          server.insertHandler(new GracefulHandler());
          server.setStopTimeout(DRAIN_MILLIS);
        });
    // A chat frame may be as large as a request body; a larger one closes the socket with 1009.
    config.jetty.modifyWebSocketServletFactory(factory -> factory.setMaxTextMessageSize(settings.maxBodyBytes()));

    var routes = config.routes;
    routes.before(lifecycle::before);
    routes.before(auth::before);
    routes.after(lifecycle::after);
    McpHttpEndpoint mcp = McpMount.install(config, toolgate, runtime.mcpPassthrough(), settings);
    new HealthRoutes(runtime::storeHealthy, runtime::upstreams, new FlowChatHealth(runtime), mcp::openSessions)
        .register(routes);
    new ToolRoutes(toolgate, auth, requests).register(routes);
    new ApprovalRoutes(toolgate, auth, requests, clock).register(routes);
    new AuditRoutes(toolgate, auth, requests, clock).register(routes);
    new KeyRoutes(toolgate, auth, requests).register(routes);
    new ChatRoutes(toolgate, auth, requests).register(routes);
    wsChat.register(routes);
    new ModelRoutes(settings.llm(), auth).register(routes);
    new ClientRoutes(toolgate, auth, requests).register(routes);

    routes.exception(ApiException.class, (e, ctx) -> Replies.send(ctx, e.reply()));
    routes.exception(ForbiddenException.class, (e, ctx) -> error(ctx, 403, "forbidden", e.getMessage()));
    routes.exception(
        InvalidCommandException.class,
        (e, ctx) -> Replies.send(ctx, ApiException.invalid("invalid_request", e.getMessage(), e.errors()).reply()));
    routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, "not_found", e.getMessage()));
    routes.exception(
        PlannerUnavailableException.class,
        (e, ctx) -> {
          LOG.warn("chat model unavailable: {}", e.getMessage());
          error(ctx, 503, "model_unavailable", e.getMessage());
        });
    routes.exception(
        UnavailableException.class,
        (e, ctx) -> {
          LOG.warn("store unavailable: {}", e.getMessage());
          ctx.header("Retry-After", "1");
          error(ctx, 503, "unavailable", "the store is unavailable; retry shortly");
        });
    routes.exception(HttpResponseException.class, (e, ctx) -> frameworkError(e, ctx, requests));
    // Jetty throws these while a handler reads a body that breaks HTTP framing (a chunk size of 'zz',
    // a body cut short): the client's mistake, and the connection is closed after this answer.
    routes.exception(EofException.class, (e, ctx) -> unreadableBody(ctx));
    routes.exception(BadMessageException.class, (e, ctx) -> unreadableBody(ctx));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected failure in {} {}", ctx.method().name(), ctx.path(), e);
          error(
              ctx, 500, "internal_error",
              "an unexpected error occurred; the server log has the details under this request id");
        });
  }

  /** Javalin's own refusals (no route, wrong method, body over the limit), in our error shape. */
  private static void frameworkError(HttpResponseException e, Context ctx, Requests requests) {
    switch (e.getStatus()) {
      case 404 -> error(ctx, 404, "not_found", "no route " + ctx.method().name() + " " + ctx.path());
      case 405 -> error(
          ctx, 405, "method_not_allowed", ctx.method().name() + " is not allowed on " + ctx.path());
      case 413 -> Replies.send(ctx, requests.tooLarge().reply());
      default -> error(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage());
    }
  }

  private static void unreadableBody(Context ctx) {
    error(ctx, 400, "unreadable_body", "the request body could not be read (malformed chunked encoding or cut short)");
  }

  private static void error(Context ctx, int status, String code, String message) {
    Replies.send(ctx, new HttpReply(status, JsonViews.error(code, message, Json.object()), Map.of()));
  }
}
