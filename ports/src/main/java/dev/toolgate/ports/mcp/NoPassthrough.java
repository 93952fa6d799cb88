package dev.toolgate.ports.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** {@link McpPassthrough#NONE}: a gateway without upstream MCP servers. */
final class NoPassthrough implements McpPassthrough {
  @Override
  public boolean configured() {
    return false;
  }

  @Override
  public List<PassthroughEntry> prompts() {
    return List.of();
  }

  @Override
  public List<PassthroughEntry> resources() {
    return List.of();
  }

  @Override
  public List<PassthroughEntry> resourceTemplates() {
    return List.of();
  }

  @Override
  public Set<String> tools(String server) {
    return Set.of();
  }

  @Override
  public Optional<String> serverOfResource(String uri) {
    return Optional.empty();
  }

  @Override
  public JsonNode getPrompt(PassthroughCaller caller, String name, Map<String, String> arguments) {
    throw new NotFoundException("no prompt named '" + name + "'");
  }

  @Override
  public JsonNode readResource(PassthroughCaller caller, String uri) {
    throw new NotFoundException("no resource '" + uri + "'");
  }

  @Override
  public JsonNode complete(JsonNode request) {
    throw new NotFoundException("nothing to complete: no upstream MCP servers");
  }

  @Override
  public void subscribe(String uri) {
    throw new NotFoundException("no resource '" + uri + "'");
  }

  @Override
  public void unsubscribe(String uri) {}

  @Override
  public AutoCloseable onChange(Consumer<PassthroughChange> listener) {
    return () -> {};
  }
}
