package dev.toolgate.adapter.mcp;

import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstreams' tools as one provider. The list is rebuilt whenever an upstream lists its tools
 * (on connect, reconnect or {@code notifications/tools/list_changed}); a name already taken by an
 * earlier server (in config order) is refused and reported in that server's status, never shadowed.
 */
final class UpstreamToolProvider implements ToolProvider {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamToolProvider.class);

  private final List<UpstreamConnection> connections;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of(), Map.of(), Map.of());

  private record Snapshot(
      List<Tool> tools, Map<String, Integer> counts, Map<String, List<String>> problems, Map<String, Set<String>> names) {}

  UpstreamToolProvider(List<UpstreamConnection> connections) {
    this.connections = connections;
  }

  @Override
  public String name() {
    return "mcp";
  }

  @Override
  public List<Tool> tools() {
    return snapshot.tools();
  }

  @Override
  public void onToolsChanged(Runnable listener) {
    listeners.add(listener);
  }

  /** The gateway's names of the tools {@code server} contributes now. */
  Set<String> toolsOf(String server) {
    return snapshot.names().getOrDefault(server, Set.of());
  }

  List<UpstreamStatus> status() {
    Snapshot current = snapshot;
    return connections.stream()
        .map(c -> c.status(
            current.counts().getOrDefault(c.config().name(), 0),
            current.problems().getOrDefault(c.config().name(), List.of())))
        .toList();
  }

  /** Rebuilds the list from every upstream's last listing and tells the listeners if it changed. */
  void refresh() {
    boolean changed;
    synchronized (this) {
      List<Tool> tools = new ArrayList<>();
      Map<String, String> owners = new HashMap<>();
      Map<String, Integer> counts = new LinkedHashMap<>();
      Map<String, List<String>> problems = new LinkedHashMap<>();
      Map<String, Set<String>> names = new HashMap<>();
      for (UpstreamConnection connection : connections) {
        McpServerConfig server = connection.config();
        List<String> serverProblems = new ArrayList<>();
        Set<String> serverNames = new HashSet<>();
        int count = 0;
        for (McpSchema.Tool upstream : connection.tools()) {
          ToolDefinition definition;
          try {
            definition = UpstreamTools.definition(server, upstream);
          } catch (IllegalArgumentException e) {
            serverProblems.add("tool '" + upstream.name() + "' refused: " + e.getMessage());
            continue;
          }
          String owner = owners.putIfAbsent(definition.name(), server.name());
          if (owner != null) {
            serverProblems.add("tool '" + definition.name() + "' refused: the name is already taken by server '"
                + owner + "'");
            continue;
          }
          String upstreamName = upstream.name();
          tools.add(new Tool(definition, invocation -> connection.call(upstreamName, invocation)));
          serverNames.add(definition.name());
          count++;
        }
        serverProblems.forEach(p -> LOG.warn("upstream MCP server '{}': {}", server.name(), p));
        counts.put(server.name(), count);
        names.put(server.name(), Set.copyOf(serverNames));
        problems.put(server.name(), List.copyOf(serverProblems));
      }
      Snapshot next = new Snapshot(List.copyOf(tools), counts, problems, names);
      changed = !definitions(next.tools()).equals(definitions(snapshot.tools()));
      snapshot = next;
    }
    if (changed) {
      listeners.forEach(Runnable::run);
    }
  }

  private static List<ToolDefinition> definitions(List<Tool> tools) {
    return tools.stream().map(Tool::definition).toList();
  }
}
