package dev.toolgate.core.call;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.tool.ToolDefinition;
import java.util.List;
import java.util.Optional;

/** The tools a principal may see: every registered tool that policy allows them, by name. */
public interface ToolCatalog {
  /** Tools the principal may call, ordered by name. */
  List<ToolDefinition> visibleTo(Principal principal);

  /** The named tool if it exists and the principal may call it. */
  Optional<ToolDefinition> find(Principal principal, String name);
}
