package dev.toolgate.ports.tool;

import java.util.Objects;

/** A tool: its definition and the executor that runs it. */
public record Tool(ToolDefinition definition, ToolExecutor executor) {
  public Tool {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(executor, "executor");
  }

  public String name() {
    return definition.name();
  }
}
