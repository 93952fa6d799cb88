package dev.toolgate.ports.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What upstream MCP servers offer besides tools: prompts, resources, resource templates, completion
 * and resource subscriptions, in MCP's own JSON shapes so that nothing is lost on the way. Prompt
 * names are namespaced like tool names ({@code prefix.name}); resource URIs are the upstream's own
 * (they are global, and they also appear inside tool results, where rewriting them would break
 * resource links). Each entry names its server, so the face can show it only to a caller that may
 * call at least one of that server's tools ({@link #tools}).
 *
 * <p>Thread-safe. Lists answer from the last listing (never block on an upstream); the other methods
 * ask the upstream and throw {@link dev.toolgate.ports.NotFoundException} for a name or URI no
 * upstream offers, {@link dev.toolgate.ports.InvalidRequestException} when the upstream refuses the
 * arguments, {@link dev.toolgate.ports.UnavailableException} when it is down or does not answer.
 * Prompt gets and resource reads are audited, one record each, as {@code caller}.
 */
public interface McpPassthrough {
  /** No upstreams: empty lists, nothing found. */
  McpPassthrough NONE = new NoPassthrough();

  /** Whether any upstream is configured (the face then declares subscriptions and list changes). */
  boolean configured();

  /** Every upstream prompt, {@code item} an MCP {@code Prompt} whose name is namespaced. */
  List<PassthroughEntry> prompts();

  /** Every upstream resource, {@code item} an MCP {@code Resource}; a URI listed twice is kept once. */
  List<PassthroughEntry> resources();

  /** Every upstream resource template, {@code item} an MCP {@code ResourceTemplate}. */
  List<PassthroughEntry> resourceTemplates();

  /** The gateway's names of the tools {@code server} contributes now (empty for an unknown server). */
  Set<String> tools(String server);

  /**
   * The server that answers for {@code uri}: the one that lists it, else the one with the longest
   * template whose fixed start (up to its first {@code {}) the URI begins with.
   */
  Optional<String> serverOfResource(String uri);

  /** {@code prompts/get} of the namespaced {@code name}; the MCP {@code GetPromptResult}. */
  JsonNode getPrompt(PassthroughCaller caller, String name, Map<String, String> arguments);

  /** {@code resources/read}; the MCP {@code ReadResourceResult}. */
  JsonNode readResource(PassthroughCaller caller, String uri);

  /**
   * {@code completion/complete}: {@code request} is the MCP {@code CompleteRequest} as the client sent
   * it (a {@code ref/prompt} with the namespaced name, or a {@code ref/resource} template); the MCP
   * {@code CompleteResult}.
   */
  JsonNode complete(JsonNode request);

  /** Subscribes upstream to {@code uri} (again after each reconnect) until {@link #unsubscribe}. */
  void subscribe(String uri);

  void unsubscribe(String uri);

  /** Calls {@code listener} on every change an upstream announces; close the result to stop. */
  AutoCloseable onChange(Consumer<PassthroughChange> listener);
}
