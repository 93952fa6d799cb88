package dev.toolgate.core.call;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.tool.ToolDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The tools a principal may see: every registered tool that policy allows them, by name, as the
 * gateway serves them — {@code annotations().requiresApproval()} is true when the tool or the
 * gateway's configuration requires approval. The set is live: tools come, change and go while the
 * gateway runs (see {@link #onChange}).
 */
public interface ToolCatalog {
  /** Tools the principal may call, ordered by name. */
  List<ToolDefinition> visibleTo(Principal principal);

  /** The named tool if it exists and the principal may call it. */
  Optional<ToolDefinition> find(Principal principal, String name);

  /**
   * The names of every registered tool, whoever may call them: for checking configuration (an
   * allowlist naming a tool that does not exist), never for showing callers.
   */
  Set<String> names();

  /**
   * Runs {@code listener} after every change of the tool list, on the thread that made it; closing
   * the returned handle stops that. A listener must not block.
   */
  AutoCloseable onChange(Consumer<CatalogChange> listener);
}
