package dev.toolgate.core.call;

import java.util.List;
import java.util.Objects;

/**
 * How the set of tools changed at run time, reported once per change of a provider's list.
 *
 * @param provider the provider whose list changed
 * @param added tools that are new
 * @param removed tools that are gone
 * @param changed tools whose definition (and so version) changed, each as {@code name: old → new}
 * @param problems tools that were refused, each with why (a name another provider already has, an
 *     input schema that is not a valid JSON Schema)
 */
public record CatalogChange(
    String provider, List<String> added, List<String> removed, List<String> changed, List<String> problems) {
  public CatalogChange {
    Objects.requireNonNull(provider, "provider");
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
    problems = List.copyOf(problems);
  }

  /** Whether the tools anyone can list differ from before. */
  public boolean listChanged() {
    return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
  }
}
