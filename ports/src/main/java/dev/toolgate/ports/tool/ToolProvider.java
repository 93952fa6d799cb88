package dev.toolgate.ports.tool;

import java.util.List;

/**
 * Contributes tools to the gateway's registry. The registry asks {@link #tools()} when the gateway is
 * built, and again each time the provider reports a change through the listener it was given in
 * {@link #onToolsChanged}: a provider whose tools come and go at run time (an upstream MCP server that
 * reconnects with a new list) calls it after its list changed. Names must be unique across providers:
 * at build a duplicate fails naming both providers; at run time the tool that was there first keeps
 * the name and the clash is reported.
 */
public interface ToolProvider {
  /** A short name for this provider, used in logs and error messages (e.g. {@code support}). */
  String name();

  /** The tools this provider contributes now; never null, no duplicate names. */
  List<Tool> tools();

  /**
   * Called once, when the gateway is built, with the listener to run whenever {@link #tools()} would
   * answer differently. Providers with a fixed list ignore it (the default).
   */
  default void onToolsChanged(Runnable listener) {}
}
