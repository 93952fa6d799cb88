package dev.toolgate.adapter.mcp;

import java.util.List;

/** A servers file with problems: every one of them, each naming the server and the field. */
public final class McpServersConfigException extends IllegalArgumentException {
  private final List<String> problems;

  public McpServersConfigException(List<String> problems) {
    super(problems.size() == 1
        ? "MCP servers config: " + problems.get(0)
        : problems.size() + " problems in the MCP servers config:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem on its own. */
  public List<String> problems() {
    return problems;
  }
}
