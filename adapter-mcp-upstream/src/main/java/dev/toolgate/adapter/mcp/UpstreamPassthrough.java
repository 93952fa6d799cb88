package dev.toolgate.adapter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.mcp.McpPassthrough;
import dev.toolgate.ports.mcp.PassthroughCaller;
import dev.toolgate.ports.mcp.PassthroughChange;
import dev.toolgate.ports.mcp.PassthroughEntry;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstreams' prompts, resources and templates, merged. Rebuilt whenever an upstream lists them; a
 * prompt name or resource URI already offered by an earlier server (config order) is refused and
 * reported in that server's status, never shadowed. Requests are routed to the owning upstream:
 * prompts by name (sent upstream with the upstream's own name), resources by URI (listed, else by the
 * longest template whose fixed start matches).
 */
final class UpstreamPassthrough implements McpPassthrough {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamPassthrough.class);

  private final List<UpstreamConnection> connections;
  private final UpstreamToolProvider tools;
  private final AuditLog audit;
  private final Clock clock;
  private final List<Consumer<PassthroughChange>> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  private record PromptRoute(UpstreamConnection connection, String upstreamName) {}

  private record TemplateRoute(String fixedStart, UpstreamConnection connection) {}

  private record Snapshot(
      List<PassthroughEntry> prompts,
      List<PassthroughEntry> resources,
      List<PassthroughEntry> templates,
      Map<String, PromptRoute> promptRoutes,
      Map<String, UpstreamConnection> resourceOwners,
      List<TemplateRoute> templateRoutes,
      Map<String, List<String>> problems) {
    static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), List.of(), Map.of(), Map.of(), List.of(), Map.of());
  }

  UpstreamPassthrough(List<UpstreamConnection> connections, UpstreamToolProvider tools, AuditLog audit, Clock clock) {
    this.connections = connections;
    this.tools = tools;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public boolean configured() {
    return !connections.isEmpty();
  }

  @Override
  public List<PassthroughEntry> prompts() {
    return snapshot.prompts();
  }

  @Override
  public List<PassthroughEntry> resources() {
    return snapshot.resources();
  }

  @Override
  public List<PassthroughEntry> resourceTemplates() {
    return snapshot.templates();
  }

  @Override
  public Set<String> tools(String server) {
    return tools.toolsOf(server);
  }

  /** Prompts and resources refused for {@code server} (clashing names or URIs). */
  List<String> problems(String server) {
    return snapshot.problems().getOrDefault(server, List.of());
  }

  @Override
  public Optional<String> serverOfResource(String uri) {
    return owner(uri).map(c -> c.config().name());
  }

  private Optional<UpstreamConnection> owner(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    Snapshot current = snapshot;
    UpstreamConnection listed = current.resourceOwners().get(uri);
    if (listed != null) {
      return Optional.of(listed);
    }
    return current.templateRoutes().stream()
        .filter(t -> uri.startsWith(t.fixedStart()))
        .map(TemplateRoute::connection)
        .findFirst();
  }

  @Override
  public JsonNode getPrompt(PassthroughCaller caller, String name, Map<String, String> arguments) {
    Instant started = clock.instant();
    ObjectNode details = details("prompts/get", null);
    ObjectNode args = Json.mapper().valueToTree(arguments == null ? Map.of() : arguments);
    try {
      PromptRoute route = snapshot.promptRoutes().get(name);
      if (route == null) {
        throw new NotFoundException("no upstream prompt named '" + name + "'");
      }
      details.put("server", route.connection().config().name());
      Map<String, Object> upstreamArguments = new LinkedHashMap<>(arguments == null ? Map.of() : arguments);
      JsonNode result = UpstreamTools.write(route.connection().getPrompt(route.upstreamName(), upstreamArguments));
      audit(caller, started, name, args, null, details);
      return result;
    } catch (PortException e) {
      audit(caller, started, name, args, e, details);
      throw e;
    }
  }

  @Override
  public JsonNode readResource(PassthroughCaller caller, String uri) {
    Instant started = clock.instant();
    ObjectNode details = details("resources/read", uri);
    try {
      UpstreamConnection owner = owner(uri)
          .orElseThrow(() -> new NotFoundException("no upstream MCP server offers the resource '" + uri + "'"));
      details.put("server", owner.config().name());
      JsonNode result = UpstreamTools.write(owner.readResource(uri));
      audit(caller, started, null, null, null, details);
      return result;
    } catch (PortException e) {
      audit(caller, started, null, null, e, details);
      throw e;
    }
  }

  @Override
  public JsonNode complete(JsonNode request) {
    McpSchema.CompleteRequest complete;
    try {
      complete = UpstreamTools.read(request, McpSchema.CompleteRequest.class);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("not a completion request: " + e.getMessage());
    }
    if (complete.ref() instanceof McpSchema.PromptReference prompt) {
      PromptRoute route = snapshot.promptRoutes().get(prompt.name());
      if (route == null) {
        throw new NotFoundException("no upstream prompt named '" + prompt.name() + "'");
      }
      McpSchema.CompleteRequest upstream = new McpSchema.CompleteRequest(
          new McpSchema.PromptReference(route.upstreamName()), complete.argument(), complete.meta(), complete.context());
      return UpstreamTools.write(route.connection().complete(upstream));
    }
    if (complete.ref() instanceof McpSchema.ResourceReference resource) {
      UpstreamConnection owner = owner(resource.uri())
          .orElseThrow(() -> new NotFoundException("no upstream MCP server offers the resource template '"
              + resource.uri() + "'"));
      return UpstreamTools.write(owner.complete(complete));
    }
    throw new InvalidRequestException("a completion needs a ref of type ref/prompt or ref/resource");
  }

  @Override
  public void subscribe(String uri) {
    owner(uri).orElseThrow(() -> new NotFoundException("no upstream MCP server offers the resource '" + uri + "'"))
        .subscribe(uri);
  }

  @Override
  public void unsubscribe(String uri) {
    owner(uri).ifPresent(c -> c.unsubscribe(uri));
  }

  @Override
  public AutoCloseable onChange(Consumer<PassthroughChange> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void resourceUpdated(String uri) {
    announce(new PassthroughChange(PassthroughChange.Kind.RESOURCE_UPDATED, uri));
  }

  /** Rebuilds the merged lists from every upstream's last listing and announces what changed. */
  void refresh() {
    Snapshot previous;
    Snapshot next;
    synchronized (this) {
      previous = snapshot;
      next = build();
      snapshot = next;
    }
    // Every upstream's relisting rebuilds the whole merge: log a clash when it appears, not each time.
    next.problems().forEach((server, problems) -> problems.stream()
        .filter(p -> !previous.problems().getOrDefault(server, List.of()).contains(p))
        .forEach(p -> LOG.warn("upstream MCP server '{}': {}", server, p)));
    if (!next.prompts().equals(previous.prompts())) {
      announce(new PassthroughChange(PassthroughChange.Kind.PROMPTS_LIST_CHANGED, null));
    }
    if (!next.resources().equals(previous.resources()) || !next.templates().equals(previous.templates())) {
      announce(new PassthroughChange(PassthroughChange.Kind.RESOURCES_LIST_CHANGED, null));
    }
  }

  private Snapshot build() {
    List<PassthroughEntry> prompts = new ArrayList<>();
    List<PassthroughEntry> resources = new ArrayList<>();
    List<PassthroughEntry> templates = new ArrayList<>();
    Map<String, PromptRoute> promptRoutes = new HashMap<>();
    Map<String, UpstreamConnection> resourceOwners = new HashMap<>();
    Map<String, UpstreamConnection> templateOwners = new HashMap<>();
    List<TemplateRoute> templateRoutes = new ArrayList<>();
    Map<String, List<String>> problems = new LinkedHashMap<>();
    for (UpstreamConnection connection : connections) {
      String server = connection.config().name();
      List<String> serverProblems = new ArrayList<>();
      UpstreamListing listing = connection.listing();
      for (McpSchema.Prompt prompt : listing.prompts()) {
        String name = connection.config().exposedName(prompt.name());
        PromptRoute taken = promptRoutes.putIfAbsent(name, new PromptRoute(connection, prompt.name()));
        if (taken != null) {
          serverProblems.add("prompt '" + name + "' refused: the name is already taken by server '"
              + taken.connection().config().name() + "'");
          continue;
        }
        ObjectNode item = (ObjectNode) UpstreamTools.write(prompt);
        item.put("name", name);
        prompts.add(new PassthroughEntry(server, name, item));
      }
      for (McpSchema.Resource resource : listing.resources()) {
        UpstreamConnection taken = resourceOwners.putIfAbsent(resource.uri(), connection);
        if (taken != null) {
          serverProblems.add("resource '" + resource.uri() + "' refused: server '" + taken.config().name()
              + "' offers the same URI");
          continue;
        }
        resources.add(new PassthroughEntry(server, resource.uri(), (ObjectNode) UpstreamTools.write(resource)));
      }
      for (McpSchema.ResourceTemplate template : listing.templates()) {
        UpstreamConnection taken = templateOwners.putIfAbsent(template.uriTemplate(), connection);
        if (taken != null) {
          serverProblems.add("resource template '" + template.uriTemplate() + "' refused: server '"
              + taken.config().name() + "' offers the same template");
          continue;
        }
        templates.add(new PassthroughEntry(server, template.uriTemplate(), (ObjectNode) UpstreamTools.write(template)));
        templateRoutes.add(new TemplateRoute(fixedStart(template.uriTemplate()), connection));
      }
      problems.put(server, List.copyOf(serverProblems));
    }
    // The most specific template wins: file:///logs/{name} before file:///{path}.
    templateRoutes.sort(Comparator.comparingInt((TemplateRoute t) -> t.fixedStart().length()).reversed());
    return new Snapshot(List.copyOf(prompts), List.copyOf(resources), List.copyOf(templates), Map.copyOf(promptRoutes),
        Map.copyOf(resourceOwners), List.copyOf(templateRoutes), problems);
  }

  /** A URI template's text before its first expression: every URI it produces starts with it. */
  static String fixedStart(String uriTemplate) {
    int brace = uriTemplate.indexOf('{');
    return brace < 0 ? uriTemplate : uriTemplate.substring(0, brace);
  }

  private void announce(PassthroughChange change) {
    for (Consumer<PassthroughChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.debug("a listener failed on {}: {}", change, e.getMessage());
      }
    }
  }

  private static ObjectNode details(String method, String uri) {
    ObjectNode details = Json.object();
    details.put("method", method);
    if (uri != null) {
      details.put("uri", uri);
    }
    return details;
  }

  /** One record per prompt get or resource read, like a read-only call's. */
  private void audit(PassthroughCaller caller, Instant started, String tool, JsonNode arguments, PortException failure,
      ObjectNode details) {
    long latency = Math.max(0, Duration.between(started, clock.instant()).toMillis());
    String code = failure == null ? null
        : failure instanceof NotFoundException ? "not_found"
        : failure instanceof InvalidRequestException ? "invalid_arguments"
        : "upstream_unavailable";
    if (failure != null) {
      details.put("error", failure.getMessage());
    }
    audit.append(new AuditEntry(started, caller.requestId(), caller.keyId(), caller.clientKey(), tool, arguments,
        failure == null ? "executed" : "failed", code, latency, details));
  }
}
