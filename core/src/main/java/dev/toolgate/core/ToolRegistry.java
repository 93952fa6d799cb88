package dev.toolgate.core;

import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolProvider;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every tool of every provider, by name, fixed when the gateway is built. */
final class ToolRegistry {
  private final Map<String, Tool> tools;

  private ToolRegistry(Map<String, Tool> tools) {
    this.tools = Collections.unmodifiableMap(tools);
  }

  /** Asks each provider once for its tools; a name provided twice fails, naming both providers. */
  static ToolRegistry of(List<ToolProvider> providers) {
    Map<String, Tool> tools = new TreeMap<>();
    Map<String, String> providerOf = new HashMap<>();
    for (ToolProvider provider : providers) {
      List<Tool> provided = provider.tools();
      if (provided == null) {
        throw new IllegalStateException("tool provider '" + provider.name() + "' returned no tool list");
      }
      for (Tool tool : provided) {
        String earlier = providerOf.putIfAbsent(tool.name(), provider.name());
        if (earlier != null) {
          throw new IllegalStateException(
              "tool '" + tool.name() + "' is provided by both '" + earlier + "' and '"
                  + provider.name() + "'");
        }
        tools.put(tool.name(), tool);
      }
    }
    return new ToolRegistry(tools);
  }

  Optional<Tool> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /** Every tool, ordered by name. */
  Collection<Tool> all() {
    return tools.values();
  }
}
