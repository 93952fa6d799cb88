package dev.toolgate.ports.tool;

import java.util.List;

/**
 * Contributes tools to the gateway's registry. {@link #tools()} is called once when the gateway is
 * built; names must be unique across all providers (a duplicate fails the build with both names).
 */
public interface ToolProvider {
  /** A short name for this provider, used in logs and error messages (e.g. {@code support}). */
  String name();

  /** The tools this provider contributes; never null, no duplicate names. */
  List<Tool> tools();
}
