package dev.toolgate.mcp;

import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.ports.tool.ToolDefinition;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The MCP methods this server answers, for one session. Everything a client lists is computed per
 * request for the principal making it: tools/list shows exactly {@code ToolCatalog.visibleTo}, prompts
 * only those whose tools are visible, resources only those the key may read, each paginated. Nothing is
 * registered globally, so nothing can be listed that the caller may not use; every call is still
 * decided by core's pipeline.
 */
final class McpHandlers {
  static final String INSTRUCTIONS =
      "Toolgate is a guarded gateway: every tool call is checked by policy, rate limits and the tool's JSON"
          + " Schema, and is audited. Tools that change something accept an optional idempotency_key: reuse it"
          + " when you retry, so the action happens once. Some tools need a human approval: their result then"
          + " says approval_required with an approval id (you may be asked to approve inline), and how to get"
          + " the outcome. Errors come as results with isError and a structured error.code you can act on"
          + " (tool_not_allowed, rate_limited with retry_after_ms, invalid_arguments with field errors, ...).";
  /** Added in compact mode, where the tools are not listed: how to reach them. */
  static final String COMPACT_INSTRUCTIONS =
      " The tools are not listed one by one: find them with search_tools, read one's arguments with"
          + " describe_tool, and call it with call_tool (name, arguments, idempotency_key).";

  private final Toolgate toolgate;
  private final McpConfig config;
  private final McpJsonMapper mapper;
  private final ToolCalls calls;
  private final McpResources resources;
  private final InFlightCalls inFlight;
  private final McpCompactCatalogue compact;
  private final McpUpstreamFeatures upstream;

  McpHandlers(
      Toolgate toolgate,
      McpConfig config,
      McpJsonMapper mapper,
      ToolCalls calls,
      McpResources resources,
      InFlightCalls inFlight,
      McpUpstreamFeatures upstream) {
    this.toolgate = toolgate;
    this.config = config;
    this.mapper = mapper;
    this.calls = calls;
    this.resources = resources;
    this.inFlight = inFlight;
    this.upstream = upstream;
    this.compact = new McpCompactCatalogue(toolgate);
  }

  /** The client's protocol version if this transport supports it, else the newest it does. */
  Mono<McpSchema.InitializeResult> initialize(
      McpSchema.InitializeRequest request, List<String> versions, SessionCatalog catalog) {
    String version = versions.contains(request.protocolVersion()) ? request.protocolVersion() : versions.get(versions.size() - 1);
    // With upstream MCP servers, their prompts and resources come and go, can be watched and completed.
    boolean passthrough = upstream.configured();
    McpSchema.ServerCapabilities.Builder builder =
        McpSchema.ServerCapabilities.builder().tools(true).prompts(passthrough).resources(passthrough, passthrough).logging();
    McpSchema.ServerCapabilities capabilities = passthrough ? builder.completions().build() : builder.build();
    McpSchema.Implementation server =
        McpSchema.Implementation.builder("toolgate", config.serverVersion()).title("Toolgate").build();
    String instructions =
        catalog.compact() ? INSTRUCTIONS + COMPACT_INSTRUCTIONS : INSTRUCTIONS;
    return Mono.just(new McpSchema.InitializeResult(version, capabilities, server, instructions, null));
  }

  /**
   * @param callers who makes a request, from its transport context
   * @param session the session, for {@code logging/setLevel} (the SDK keeps the level per session)
   * @param catalog the session's catalogue
   */
  Map<String, McpRequestHandler<?>> requests(
      Function<McpTransportContext, Caller> callers, Supplier<McpLoggableSession> session, SessionCatalog catalog) {
    Map<String, McpRequestHandler<?>> handlers = new HashMap<>();
    handlers.put(McpSchema.METHOD_PING, (exchange, params) -> Mono.just(Map.of()));
    handlers.put(
        McpSchema.METHOD_TOOLS_LIST,
        (exchange, params) -> blocking(() -> listTools(caller(callers, exchange).principal(), cursor(params), catalog)));
    handlers.put(
        McpSchema.METHOD_TOOLS_CALL,
        (exchange, params) ->
            Mono.defer(
                () ->
                    callTool(
                        exchange,
                        caller(callers, exchange),
                        convert(params, new TypeRef<McpSchema.CallToolRequest>() {}),
                        catalog)));
    handlers.put(
        McpSchema.METHOD_PROMPT_LIST,
        (exchange, params) -> blocking(() -> listPrompts(caller(callers, exchange).principal(), cursor(params))));
    handlers.put(
        McpSchema.METHOD_PROMPT_GET,
        (exchange, params) -> blocking(() -> getPrompt(caller(callers, exchange), params)));
    handlers.put(
        McpSchema.METHOD_RESOURCES_LIST,
        (exchange, params) -> blocking(() -> listResources(caller(callers, exchange).principal(), cursor(params))));
    handlers.put(
        McpSchema.METHOD_RESOURCES_TEMPLATES_LIST,
        (exchange, params) -> blocking(() -> listTemplates(caller(callers, exchange).principal(), cursor(params))));
    handlers.put(
        McpSchema.METHOD_RESOURCES_READ,
        (exchange, params) ->
            blocking(
                () ->
                    readResource(
                        caller(callers, exchange),
                        convert(params, new TypeRef<McpSchema.ReadResourceRequest>() {}).uri())));
    handlers.put(
        McpSchema.METHOD_RESOURCES_SUBSCRIBE,
        (exchange, params) ->
            blocking(
                () -> {
                  String uri = convert(params, new TypeRef<McpSchema.SubscribeRequest>() {}).uri();
                  Principal principal = caller(callers, exchange).principal();
                  if (isOwn(uri)) {
                    // The gateway's own resources are read on demand: it never announces their updates.
                    resources.read(principal, uri);
                  } else {
                    upstream.subscribe(exchange.sessionId(), visibleTools(principal), uri);
                  }
                  return Map.of();
                }));
    handlers.put(
        McpSchema.METHOD_RESOURCES_UNSUBSCRIBE,
        (exchange, params) ->
            blocking(
                () -> {
                  upstream.unsubscribe(
                      exchange.sessionId(), convert(params, new TypeRef<McpSchema.UnsubscribeRequest>() {}).uri());
                  return Map.of();
                }));
    handlers.put(
        McpSchema.METHOD_COMPLETION_COMPLETE,
        (exchange, params) ->
            blocking(() -> complete(caller(callers, exchange).principal(), convert(params, new TypeRef<McpSchema.CompleteRequest>() {}))));
    handlers.put(
        McpSchema.METHOD_LOGGING_SET_LEVEL,
        (exchange, params) ->
            Mono.fromCallable(
                () -> {
                  McpSchema.SetLevelRequest request = convert(params, new TypeRef<McpSchema.SetLevelRequest>() {});
                  if (request.level() == null) {
                    throw invalidParams("logging/setLevel needs a level such as debug, info or warning");
                  }
                  session.get().setMinLoggingLevel(request.level());
                  return Map.of();
                }));
    return handlers;
  }

  Map<String, McpNotificationHandler> notifications() {
    Map<String, McpNotificationHandler> handlers = new HashMap<>();
    handlers.put(McpSchema.METHOD_NOTIFICATION_INITIALIZED, (exchange, params) -> Mono.empty());
    handlers.put(McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED, (exchange, params) -> Mono.empty());
    handlers.put(
        "notifications/cancelled",
        (exchange, params) ->
            Mono.fromRunnable(
                () -> {
                  if (params instanceof Map<?, ?> map && map.get("requestId") != null) {
                    inFlight.cancel(exchange.sessionId(), JsonRpcIdRecorder.key(map.get("requestId")));
                  }
                }));
    return handlers;
  }

  /**
   * A direct call, or in compact mode one of the meta-tools. Real tools stay callable by name in
   * compact mode too (a client may have listed them before); a meta-tool's name shadows a tool of the
   * same name only in compact mode.
   */
  private Mono<McpSchema.CallToolResult> callTool(
      McpAsyncServerExchange exchange, Caller caller, McpSchema.CallToolRequest request, SessionCatalog catalog) {
    catalog.requireValid();
    if (!catalog.compact() || !McpCompactCatalogue.NAMES.contains(request.name())) {
      return calls.call(exchange, caller, request);
    }
    Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
    return switch (request.name()) {
      case McpCompactCatalogue.SEARCH -> blocking(() -> compact.search(caller.principal(), caller.requestId(), arguments));
      case McpCompactCatalogue.DESCRIBE -> blocking(() -> compact.describe(caller.principal(), caller.requestId(), arguments));
      default -> {
        McpCompactCatalogue.Inner inner = McpCompactCatalogue.unwrap(request);
        yield inner.problem() != null
            ? Mono.just(McpCompactCatalogue.invalid(McpCompactCatalogue.CALL, inner.problem(), caller.requestId()))
            : calls.call(exchange, caller, inner.request());
      }
    };
  }

  private McpSchema.ListToolsResult listTools(Principal principal, String cursor, SessionCatalog catalog) {
    catalog.requireValid();
    if (catalog.compact()) {
      Pages.Page<McpSchema.Tool> page =
          Pages.page(McpCompactCatalogue.metaTools(), McpSchema.Tool::name, cursor, config.pageSize());
      return new McpSchema.ListToolsResult(page.items(), page.nextCursor(), null);
    }
    Pages.Page<ToolDefinition> page =
        Pages.page(toolgate.catalog().visibleTo(principal), ToolDefinition::name, cursor, config.pageSize());
    List<McpSchema.Tool> tools =
        page.items().stream().map(McpTools::toMcp).toList();
    return new McpSchema.ListToolsResult(tools, page.nextCursor(), null);
  }

  /** The gateway's own prompts, then the upstreams' (an upstream prompt never shadows an own one). */
  private McpSchema.ListPromptsResult listPrompts(Principal principal, String cursor) {
    Set<String> visible = visibleTools(principal);
    List<McpSchema.Prompt> prompts = new ArrayList<>();
    McpPrompts.visible(visible).forEach(t -> prompts.add(t.prompt()));
    prompts.addAll(upstream.prompts(visible, OWN_PROMPTS));
    Pages.Page<McpSchema.Prompt> page = Pages.page(prompts, McpSchema.Prompt::name, cursor, config.pageSize());
    return new McpSchema.ListPromptsResult(page.items(), page.nextCursor(), null);
  }

  private static final Set<String> OWN_PROMPTS =
      McpPrompts.ALL.stream().map(McpPrompts.Template::name).collect(Collectors.toUnmodifiableSet());

  private McpSchema.GetPromptResult getPrompt(Caller caller, Object params) {
    McpSchema.GetPromptRequest request = convert(params, new TypeRef<McpSchema.GetPromptRequest>() {});
    Set<String> visible = visibleTools(caller.principal());
    if (OWN_PROMPTS.contains(request.name())) {
      return McpPrompts.find(request.name(), visible)
          .orElseThrow(() -> invalidParams("Unknown prompt: " + request.name()))
          .render(request.arguments());
    }
    return upstream.getPrompt(caller, visible, request.name(), request.arguments())
        .orElseThrow(() -> invalidParams("Unknown prompt: " + request.name()));
  }

  private McpSchema.ListResourcesResult listResources(Principal principal, String cursor) {
    List<McpSchema.Resource> all = new ArrayList<>(resources.list(principal));
    all.addAll(upstream.resources(visibleTools(principal)));
    Pages.Page<McpSchema.Resource> page = Pages.page(all, McpSchema.Resource::uri, cursor, config.pageSize());
    return new McpSchema.ListResourcesResult(page.items(), page.nextCursor(), null);
  }

  private McpSchema.ListResourceTemplatesResult listTemplates(Principal principal, String cursor) {
    List<McpSchema.ResourceTemplate> all = new ArrayList<>(resources.templates());
    all.addAll(upstream.templates(visibleTools(principal)));
    Pages.Page<McpSchema.ResourceTemplate> page =
        Pages.page(all, McpSchema.ResourceTemplate::uriTemplate, cursor, config.pageSize());
    return new McpSchema.ListResourceTemplatesResult(page.items(), page.nextCursor(), null);
  }

  /** {@code toolgate://} is the gateway's own scheme; every other URI belongs to an upstream. */
  private static boolean isOwn(String uri) {
    return uri != null && uri.startsWith(McpResources.SCHEME);
  }

  private McpSchema.ReadResourceResult readResource(Caller caller, String uri) {
    return isOwn(uri)
        ? resources.read(caller.principal(), uri)
        : upstream.read(caller, visibleTools(caller.principal()), uri);
  }

  /** The gateway's own prompts and templates offer no completions; the upstreams' are asked. */
  private McpSchema.CompleteResult complete(Principal principal, McpSchema.CompleteRequest request) {
    boolean own =
        request.ref() instanceof McpSchema.PromptReference p ? OWN_PROMPTS.contains(p.name())
            : request.ref() instanceof McpSchema.ResourceReference r && isOwn(r.uri());
    if (own || !upstream.configured()) {
      return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.of(), 0, false));
    }
    return upstream.complete(visibleTools(principal), request);
  }

  private Set<String> visibleTools(Principal principal) {
    return toolgate.catalog().visibleTo(principal).stream().map(ToolDefinition::name).collect(Collectors.toSet());
  }

  private String cursor(Object params) {
    return params == null ? null : convert(params, new TypeRef<McpSchema.PaginatedRequest>() {}).cursor();
  }

  private static Caller caller(Function<McpTransportContext, Caller> callers, McpAsyncServerExchange exchange) {
    return callers.apply(exchange.transportContext());
  }

  /** Params that do not fit the method's shape are the client's mistake: invalid params, not internal. */
  private <T> T convert(Object params, TypeRef<T> type) {
    if (params == null) {
      throw invalidParams("params are required");
    }
    try {
      return mapper.convertValue(params, type);
    } catch (IllegalArgumentException e) {
      throw invalidParams("Invalid params: " + e.getMessage());
    }
  }

  static McpError invalidParams(String message) {
    return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
  }

  /** Store reads may block; they run off the transport's threads. */
  private static <T> Mono<T> blocking(Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
  }
}
