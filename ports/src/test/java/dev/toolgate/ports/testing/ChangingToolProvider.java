package dev.toolgate.ports.testing;

import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tool provider whose list a test edits and then announces, as an upstream MCP server that
 * reconnects with a new tool list would: {@link #put} and {@link #remove} change the list,
 * {@link #changed()} tells the gateway.
 */
public final class ChangingToolProvider implements ToolProvider {
  private final String name;
  private final Map<String, Tool> tools = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public ChangingToolProvider(String name) {
    this.name = name;
  }

  public ChangingToolProvider put(Tool tool) {
    tools.put(tool.name(), tool);
    return this;
  }

  public ChangingToolProvider remove(String tool) {
    tools.remove(tool);
    return this;
  }

  /** Tells every listener the list changed. */
  public void changed() {
    listeners.forEach(Runnable::run);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Tool> tools() {
    return List.copyOf(tools.values());
  }

  @Override
  public void onToolsChanged(Runnable listener) {
    listeners.add(listener);
  }
}
