package dev.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.mcp.McpPassthrough;
import dev.toolgate.ports.mcp.PassthroughCaller;
import dev.toolgate.ports.mcp.PassthroughEntry;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prompts, resources and templates of upstream MCP servers, served next to the gateway's own. An
 * upstream's items are shown to a caller that may call at least one of that upstream's tools (the
 * same policy that decides its tools); a caller that may not is told they do not exist. An upstream
 * prompt named like one of the gateway's own is not offered, and the clash is logged once.
 */
final class McpUpstreamFeatures {
  private static final Logger LOG = LoggerFactory.getLogger(McpUpstreamFeatures.class);

  private final McpPassthrough passthrough;
  private final McpJsonMapper mapper;
  private final ResourceSubscriptions subscriptions;
  private final Set<String> reportedClashes = ConcurrentHashMap.newKeySet();

  McpUpstreamFeatures(McpPassthrough passthrough, McpJsonMapper mapper, ResourceSubscriptions subscriptions) {
    this.passthrough = passthrough;
    this.mapper = mapper;
    this.subscriptions = subscriptions;
  }

  boolean configured() {
    return passthrough.configured();
  }

  List<McpSchema.Prompt> prompts(Set<String> visibleTools, Set<String> ownPrompts) {
    return visible(passthrough.prompts(), visibleTools).stream()
        .filter(entry -> !clashes(entry, ownPrompts))
        .map(entry -> mapper.convertValue(entry.json(), McpSchema.Prompt.class))
        .toList();
  }

  private boolean clashes(PassthroughEntry entry, Set<String> ownPrompts) {
    if (!ownPrompts.contains(entry.key())) {
      return false;
    }
    if (reportedClashes.add(entry.key())) {
      LOG.warn("upstream MCP server '{}' offers a prompt named '{}', like one of the gateway's own: not offered;"
          + " give the server a prefix", entry.server(), entry.key());
    }
    return true;
  }

  List<McpSchema.Resource> resources(Set<String> visibleTools) {
    return visible(passthrough.resources(), visibleTools).stream()
        .map(entry -> mapper.convertValue(entry.json(), McpSchema.Resource.class))
        .toList();
  }

  List<McpSchema.ResourceTemplate> templates(Set<String> visibleTools) {
    return visible(passthrough.resourceTemplates(), visibleTools).stream()
        .map(entry -> mapper.convertValue(entry.json(), McpSchema.ResourceTemplate.class))
        .toList();
  }

  /** The upstream prompt, or empty when there is none this caller may see. */
  Optional<McpSchema.GetPromptResult> getPrompt(Caller caller, Set<String> visibleTools, String name,
      Map<String, Object> arguments) {
    Optional<PassthroughEntry> entry = visible(passthrough.prompts(), visibleTools).stream()
        .filter(e -> e.key().equals(name))
        .findFirst();
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (arguments != null) {
      arguments.forEach((key, value) -> values.put(key, value == null ? null : String.valueOf(value)));
    }
    JsonNode result = translated(() -> passthrough.getPrompt(who(caller), name, values), McpSchema.ErrorCodes.INVALID_PARAMS);
    return Optional.of(mapper.convertValue(result, McpSchema.GetPromptResult.class));
  }

  McpSchema.ReadResourceResult read(Caller caller, Set<String> visibleTools, String uri) {
    requireVisible(uri, visibleTools);
    JsonNode result = translated(() -> passthrough.readResource(who(caller), uri), McpSchema.ErrorCodes.RESOURCE_NOT_FOUND);
    return mapper.convertValue(result, McpSchema.ReadResourceResult.class);
  }

  McpSchema.CompleteResult complete(Set<String> visibleTools, McpSchema.CompleteRequest request) {
    if (request.ref() instanceof McpSchema.PromptReference prompt) {
      boolean seen = visible(passthrough.prompts(), visibleTools).stream().anyMatch(e -> e.key().equals(prompt.name()));
      if (!seen) {
        throw McpHandlers.invalidParams("Unknown prompt: " + prompt.name());
      }
    } else if (request.ref() instanceof McpSchema.ResourceReference resource) {
      requireVisible(resource.uri(), visibleTools);
    }
    JsonNode params = mapper.convertValue(request, JsonNode.class);
    JsonNode result = translated(() -> passthrough.complete(params), McpSchema.ErrorCodes.INVALID_PARAMS);
    return mapper.convertValue(result, McpSchema.CompleteResult.class);
  }

  void subscribe(String session, Set<String> visibleTools, String uri) {
    requireVisible(uri, visibleTools);
    translated(() -> {
      subscriptions.subscribe(session, uri);
      return null;
    }, McpSchema.ErrorCodes.RESOURCE_NOT_FOUND);
  }

  void unsubscribe(String session, String uri) {
    subscriptions.unsubscribe(session, uri);
  }

  private void requireVisible(String uri, Set<String> visibleTools) {
    Optional<String> server = passthrough.serverOfResource(uri);
    if (server.isEmpty() || !mayUse(server.get(), visibleTools)) {
      throw notFound(uri);
    }
  }

  private List<PassthroughEntry> visible(List<PassthroughEntry> entries, Set<String> visibleTools) {
    Map<String, Boolean> allowed = new LinkedHashMap<>();
    return entries.stream()
        .filter(e -> allowed.computeIfAbsent(e.server(), s -> mayUse(s, visibleTools)))
        .toList();
  }

  private boolean mayUse(String server, Set<String> visibleTools) {
    return passthrough.tools(server).stream().anyMatch(visibleTools::contains);
  }

  private static PassthroughCaller who(Caller caller) {
    return new PassthroughCaller(caller.requestId(), caller.principal().keyId(), caller.principal().clientKey());
  }

  /** The port's failures as MCP errors: the client's mistakes as such, an upstream's trouble as internal. */
  private static <T> T translated(java.util.function.Supplier<T> work, int notFoundCode) {
    try {
      return work.get();
    } catch (NotFoundException e) {
      throw McpError.builder(notFoundCode).message(e.getMessage()).build();
    } catch (InvalidRequestException e) {
      throw McpHandlers.invalidParams(e.getMessage());
    } catch (PortException e) {
      throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(e.getMessage()).build();
    }
  }

  static McpError notFound(String uri) {
    return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
        .message("Resource not found: " + uri)
        .data(Map.of("uri", String.valueOf(uri)))
        .build();
  }
}
