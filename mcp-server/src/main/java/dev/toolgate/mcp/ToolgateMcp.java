package dev.toolgate.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.call.RequestIds;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.mcp.McpPassthrough;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The gateway as an MCP server, over the official MCP Java SDK's transports: Streamable HTTP
 * ({@link #http}) and stdio ({@link #stdio}).
 *
 * <p>The SDK's {@code McpServer} registers tools, prompts and resources once for everyone, cannot page
 * lists and ignores {@code notifications/cancelled}. So this class gives the SDK's transports sessions
 * ({@code McpStreamableServerSession}, {@code McpServerSession}) whose request handlers answer every
 * list for the caller of that request, page it, and serve each {@code tools/call} through core's
 * pipeline as that caller. Everything on the wire (framing, sessions, SSE, JSON-RPC, elicitation,
 * progress and logging notifications) is the SDK's.
 */
public final class ToolgateMcp {
  private static final Logger LOG = LoggerFactory.getLogger(ToolgateMcp.class);

  private final Toolgate toolgate;
  private final McpConfig config;
  private final McpPassthrough passthrough;

  /** A gateway without upstream MCP servers' prompts and resources. */
  public ToolgateMcp(Toolgate toolgate, McpConfig config) {
    this(toolgate, config, McpPassthrough.NONE);
  }

  /**
   * @param passthrough the upstream MCP servers' prompts, resources, templates, completion and
   *     subscriptions, served next to the gateway's own
   */
  public ToolgateMcp(Toolgate toolgate, McpConfig config, McpPassthrough passthrough) {
    this.toolgate = Objects.requireNonNull(toolgate, "toolgate");
    this.config = Objects.requireNonNull(config, "config");
    this.passthrough = Objects.requireNonNull(passthrough, "passthrough");
  }

  /**
   * A Streamable HTTP endpoint. Each request authenticates with its own key; a principal that has the
   * approver role may answer inline approval questions only when self-approval is allowed, since it is
   * the one who made the call.
   */
  public McpHttpEndpoint http(McpHttpConfig http) {
    Objects.requireNonNull(http, "http");
    McpJsonMapper mapper = mapper();
    InFlightCalls inFlight = new InFlightCalls();
    ExecutorService executor = executor();
    ResourceSubscriptions subscriptions = new ResourceSubscriptions(passthrough);
    McpHandlers handlers = handlers(mapper, inFlight, ToolCalls.onRequestThreads(toolgate, config, inFlight, executor), subscriptions);
    SessionLimits sessions = new SessionLimits(http.maxSessionsPerKey());
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(mapper)
            .mcpEndpoint(http.path())
            .contextExtractor(
                request -> {
                  SessionCatalog.noteAsked(request);
                  return HttpGuard.context(request);
                })
            .maxRequestSize(http.maxRequestBytes())
            // The SDK closes sessions that saw no request during one whole sweep interval.
            .sessionSweepInterval(http.sessionIdle())
            .build();
    List<String> versions = transport.protocolVersions();
    Map<String, McpNotificationHandler> notifications = handlers.notifications();
    HttpGuard guard =
        new HttpGuard(
            toolgate.keys(),
            new HttpAccess(http.allowedOrigins(), http.allowedHosts()),
            sessions,
            http.maxRequestBytes(),
            new McpMessageCheck(notifications.keySet()));
    transport.setSessionFactory(
        init -> {
          // SecureRandom (UUID.randomUUID), unlike request ids: the id is what continues a session.
          String id = UUID.randomUUID().toString();
          SessionCatalog catalog = SessionCatalog.takeAsked(config.catalogMode());
          AtomicReference<McpLoggableSession> self = new AtomicReference<>();
          McpStreamableServerSession session =
              new McpStreamableServerSession(
                  id,
                  init.capabilities(),
                  init.clientInfo(),
                  config.elicitationTimeout(),
                  handlers.requests(this::httpCaller, self::get, catalog),
                  notifications,
                  () ->
                      Mono.fromRunnable(
                          () -> {
                            guard.sessionClosed(id);
                            subscriptions.sessionClosed(id);
                          }),
                  null);
          session.setMinLoggingLevel(DEFAULT_CLIENT_LOG_LEVEL);
          self.set(session);
          return new McpStreamableServerSession.McpStreamableServerSessionInit(session, handlers.initialize(init, versions, catalog));
        });
    AutoCloseable listChanged =
        both(
            announceToolChanges(transport::notifyClients),
            relayUpstreamChanges(transport::notifyClients, subscriptions, transport::notifyClient));
    return new McpHttpEndpoint(http.path(), transport, guard, sessions, inFlight, executor, listChanged);
  }

  /**
   * A server on {@code in}/{@code out} that acts as {@code principal} for every request and starts
   * reading at once. Nothing else may write to {@code out}: it carries the protocol.
   *
   * @param inlineApprover who decides approvals asked inline, or null for the rule of {@link #http}
   *     (the principal itself, if it is an approver and self-approval is allowed)
   */
  public McpStdioServer stdio(InputStream in, OutputStream out, Principal principal, Principal inlineApprover) {
    Objects.requireNonNull(principal, "principal");
    McpJsonMapper mapper = mapper();
    InFlightCalls inFlight = new InFlightCalls();
    ExecutorService executor = executor();
    ResourceSubscriptions subscriptions = new ResourceSubscriptions(passthrough);
    McpHandlers handlers = handlers(mapper, inFlight, ToolCalls.onOwnThreads(toolgate, config, inFlight, executor), subscriptions);
    // Requests still pending when the client closes its input are answered before the session ends.
    StdioAnswerGate gate = new StdioAnswerGate(StdioAnswerGate.DEFAULT_WAIT);
    StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper, gate.input(in), gate.output(out));
    Principal approver = inlineApprover != null ? inlineApprover : selfApprover(principal);
    // A request id per call, not a secret (RequestIds); the session ids below stay SecureRandom UUIDs.
    Function<McpTransportContext, Caller> callers = context -> new Caller(principal, "mcp-" + RequestIds.next(), approver);
    CountDownLatch closed = new CountDownLatch(1);
    List<String> versions = transport.protocolVersions();
    transport.setSessionFactory(
        sessionTransport -> {
          AtomicReference<McpLoggableSession> self = new AtomicReference<>();
          String id = UUID.randomUUID().toString();
          McpServerSession session =
              new McpServerSession(
                  id,
                  config.elicitationTimeout(),
                  sessionTransport,
                  init -> handlers.initialize(init, versions, SessionCatalog.of(config.catalogMode())),
                  handlers.requests(callers, self::get, SessionCatalog.of(config.catalogMode())),
                  handlers.notifications(),
                  () ->
                      Mono.fromRunnable(
                          () -> {
                            subscriptions.sessionClosed(id);
                            closed.countDown();
                          }),
                  null);
          session.setMinLoggingLevel(DEFAULT_CLIENT_LOG_LEVEL);
          self.set(session);
          return session;
        });
    // One session per process: an update for any of its subscriptions goes to the one client.
    AutoCloseable listChanged =
        both(
            announceToolChanges(transport::notifyClients),
            relayUpstreamChanges(
                transport::notifyClients, subscriptions, (session, method, params) -> transport.notifyClients(method, params)));
    return new McpStdioServer(transport, closed, inFlight, executor, listChanged);
  }

  /**
   * Tells every connected session {@code notifications/tools/list_changed} when the gateway's tool
   * list changes, so clients list again instead of calling what is gone. Each session then sees the
   * tools its own key may call.
   */
  private AutoCloseable announceToolChanges(BiFunction<String, Object, Mono<Void>> notifyAll) {
    return toolgate.catalog().onChange(
        change -> {
          if (change.listChanged()) {
            notifyAll.apply(McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null)
                .subscribe(null, e -> LOG.debug("could not announce a tool list change: {}", e.getMessage()));
          }
        });
  }

  /**
   * Relays what upstreams announce: prompt and resource list changes to every session (each then lists
   * what its own key may see), a resource update to the sessions subscribed to it.
   */
  private AutoCloseable relayUpstreamChanges(
      BiFunction<String, Object, Mono<Void>> notifyAll, ResourceSubscriptions subscriptions, SessionNotifier notifyOne) {
    return passthrough.onChange(
        change -> {
          switch (change.kind()) {
            case PROMPTS_LIST_CHANGED -> quietly(notifyAll.apply(McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED, null));
            case RESOURCES_LIST_CHANGED -> quietly(notifyAll.apply(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED, null));
            case RESOURCE_UPDATED -> {
              McpSchema.ResourcesUpdatedNotification updated = new McpSchema.ResourcesUpdatedNotification(change.uri());
              for (String session : subscriptions.sessions(change.uri())) {
                quietly(notifyOne.notify(session, McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED, updated));
              }
            }
          }
        });
  }

  /** Sends a notification to one session. */
  private interface SessionNotifier {
    Mono<Void> notify(String sessionId, String method, Object params);
  }

  private static void quietly(Mono<Void> notification) {
    notification.subscribe(null, e -> LOG.debug("could not relay an upstream change: {}", e.getMessage()));
  }

  private static AutoCloseable both(AutoCloseable first, AutoCloseable second) {
    return () -> {
      Subscriptions.close(first);
      Subscriptions.close(second);
    };
  }

  private Caller httpCaller(McpTransportContext context) {
    if (!(context.get(HttpGuard.PRINCIPAL) instanceof Principal principal)) {
      // Only reachable if the servlet were mounted without its filter.
      throw McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST).message("Unauthenticated request").build();
    }
    return new Caller(principal, (String) context.get(HttpGuard.REQUEST_ID), selfApprover(principal));
  }

  private Principal selfApprover(Principal principal) {
    return principal.hasAnyRole(Set.of(Role.APPROVER)) && toolgate.config().selfApproval() ? principal : null;
  }

  private McpHandlers handlers(
      McpJsonMapper mapper, InFlightCalls inFlight, ToolCalls calls, ResourceSubscriptions subscriptions) {
    return new McpHandlers(
        toolgate,
        config,
        mapper,
        calls,
        new McpResources(toolgate, Clock.systemUTC()),
        inFlight,
        new McpUpstreamFeatures(passthrough, mapper, subscriptions));
  }

  /**
   * The log messages a client gets until it sends {@code logging/setLevel}: what needs its attention
   * (a refusal, a failure). The SDK's default, info, would add a message to every successful call's
   * answer, which a client that never asked for it pays for on every call.
   */
  static final McpSchema.LoggingLevel DEFAULT_CLIENT_LOG_LEVEL = McpSchema.LoggingLevel.WARNING;

  /**
   * How deep a JSON-RPC message may nest (the same bound as REST bodies). Jackson alone allows 1,000
   * levels, which the audit record's wrapping and hash then exceed; a deeper message is a parse error.
   */
  static final int MAX_NESTING_DEPTH = 64;

  private static McpJsonMapper mapper() {
    JsonFactory bounded =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    return new JsonRpcIdRecorder(new JacksonMcpJsonMapper(new ObjectMapper(bounded)));
  }

  private static ExecutorService executor() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newCachedThreadPool(
        work -> {
          Thread thread = new Thread(work, "toolgate-mcp-call-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
