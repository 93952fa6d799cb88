package dev.toolgate.core.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import dev.toolgate.core.call.CatalogChange;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tool of every provider, by name, with its compiled input schema. Live: a provider that reports
 * a change is asked for its list again, and the difference (added, removed, changed definitions — by
 * {@code ToolDefinition.version()}) is swapped in at once and reported to the log, the audit chain
 * and every listener (MCP sends {@code notifications/tools/list_changed}). A changed definition is
 * never served silently. Reads are lock-free on an immutable snapshot.
 */
public final class ToolRegistry {
  private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);

  /** The audit outcome word of a change to the tool list. */
  public static final String TOOLS_CHANGED = "tools_changed";

  /** A registered tool: who provides it and its compiled input schema. */
  public record Entry(Tool tool, String provider, Schema schema) {}

  private final AuditLog audit;
  private final Clock clock;
  private final Ids ids;
  private final List<Consumer<CatalogChange>> listeners = new CopyOnWriteArrayList<>();
  private volatile Map<String, Entry> entries;

  private ToolRegistry(Map<String, Entry> entries, AuditLog audit, Clock clock, Ids ids) {
    this.entries = Collections.unmodifiableMap(entries);
    this.audit = audit;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Asks each provider for its tools and subscribes to their changes. At build, a name provided twice
   * fails naming both providers, and an invalid input schema fails naming the tool.
   */
  public static ToolRegistry of(List<ToolProvider> providers, AuditLog audit, Clock clock, Ids ids) {
    Map<String, Entry> entries = new TreeMap<>();
    for (ToolProvider provider : providers) {
      for (Tool tool : toolsOf(provider)) {
        Entry earlier = entries.get(tool.name());
        if (earlier != null) {
          throw new IllegalStateException(
              "tool '" + tool.name() + "' is provided by both '" + earlier.provider() + "' and '"
                  + provider.name() + "'");
        }
        entries.put(tool.name(), new Entry(tool, provider.name(), ArgumentValidator.compile(tool.definition())));
      }
    }
    ToolRegistry registry = new ToolRegistry(entries, audit, clock, ids);
    providers.forEach(provider -> provider.onToolsChanged(() -> registry.refresh(provider)));
    return registry;
  }

  public Optional<Tool> find(String name) {
    return entry(name).map(Entry::tool);
  }

  public Optional<Entry> entry(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /** Every tool, ordered by name. */
  public Collection<Tool> all() {
    return entries.values().stream().map(Entry::tool).toList();
  }

  /** Calls {@code listener} after every change; closing the returned handle stops that. */
  public AutoCloseable onChange(Consumer<CatalogChange> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Reads {@code provider}'s list again and swaps in the difference; returns what changed. */
  public synchronized CatalogChange refresh(ToolProvider provider) {
    String name = provider.name();
    List<Tool> now;
    try {
      now = toolsOf(provider);
    } catch (RuntimeException e) {
      log.warn("tool provider '{}' reported a change but its tools could not be read; keeping its old tools", name, e);
      return new CatalogChange(name, List.of(), List.of(), List.of(), List.of("could not read the tools: " + e.getMessage()));
    }
    Map<String, Entry> next = new TreeMap<>(entries);
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> offered = new HashSet<>();
    for (Tool tool : now) {
      if (!offered.add(tool.name())) {
        problems.add(tool.name() + ": listed twice by '" + name + "'");
        continue;
      }
      Entry current = entries.get(tool.name());
      if (current != null && !current.provider().equals(name)) {
        problems.add(tool.name() + ": already provided by '" + current.provider() + "', which keeps it");
        continue;
      }
      Schema schema;
      try {
        schema = ArgumentValidator.compile(tool.definition());
      } catch (IllegalStateException e) {
        problems.add(tool.name() + ": " + e.getMessage());
        next.remove(tool.name());
        continue;
      }
      if (current == null) {
        added.add(tool.name());
      } else if (!current.tool().definition().version().equals(tool.definition().version())) {
        changed.add(tool.name() + ": " + current.tool().definition().version() + " -> " + tool.definition().version());
      }
      next.put(tool.name(), new Entry(tool, name, schema));
    }
    List<String> removed =
        entries.values().stream()
            .filter(entry -> entry.provider().equals(name))
            .map(entry -> entry.tool().name())
            .filter(tool -> !offered.contains(tool) || !next.containsKey(tool))
            .sorted()
            .collect(Collectors.toCollection(ArrayList::new));
    removed.forEach(next::remove);
    CatalogChange change = new CatalogChange(name, added, removed, changed, problems);
    if (!change.listChanged() && problems.isEmpty()) {
      return change;
    }
    entries = Collections.unmodifiableMap(next);
    report(change);
    return change;
  }

  private void report(CatalogChange change) {
    if (change.listChanged()) {
      log.info(
          "tools of provider '{}' changed: added {}, removed {}, changed {}",
          change.provider(), change.added(), change.removed(), change.changed());
    }
    change.problems().forEach(problem -> log.warn("tool provider '{}': refused {}", change.provider(), problem));
    ObjectNode details = Json.object().put("provider", change.provider());
    array(details, "added", change.added());
    array(details, "removed", change.removed());
    array(details, "changed", change.changed());
    array(details, "problems", change.problems());
    try {
      audit.append(
          new AuditEntry(
              clock.instant(), "reg_" + ids.alphanumeric(16), null, null, null, null, TOOLS_CHANGED, null, 0, details));
    } catch (PortException e) {
      log.warn("could not audit a change of the tool list of '{}'", change.provider(), e);
    }
    for (Consumer<CatalogChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        log.warn("a tool-list listener failed", e);
      }
    }
  }

  private static void array(ObjectNode node, String field, List<String> values) {
    ArrayNode array = node.putArray(field);
    values.forEach(array::add);
  }

  private static List<Tool> toolsOf(ToolProvider provider) {
    List<Tool> tools = provider.tools();
    if (tools == null) {
      throw new IllegalStateException("tool provider '" + provider.name() + "' returned no tool list");
    }
    return tools;
  }
}
