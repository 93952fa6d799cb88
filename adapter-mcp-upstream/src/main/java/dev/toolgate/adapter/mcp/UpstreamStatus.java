package dev.toolgate.adapter.mcp;

import java.util.List;
import java.util.Objects;

/**
 * How one upstream server is doing, for {@code /readyz} and {@code toolgate upstreams}.
 *
 * @param name the server's name
 * @param transport stdio, streamable-http or sse
 * @param endpoint the command or URL, without credentials
 * @param state connecting, connected, reconnecting or failed (gave up after its attempts)
 * @param lastError the last connection or call failure, or null
 * @param toolCount how many of its tools the gateway offers
 * @param reconnects how many times the connection was re-established or retried
 * @param problems tools refused (bad or clashing names), newest list
 */
public record UpstreamStatus(
    String name,
    String transport,
    String endpoint,
    State state,
    String lastError,
    int toolCount,
    int reconnects,
    List<String> problems) {

  /** Connection state of an upstream. */
  public enum State {
    CONNECTING,
    CONNECTED,
    RECONNECTING,
    FAILED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public UpstreamStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    problems = List.copyOf(problems);
  }

  public boolean connected() {
    return state == State.CONNECTED;
  }
}
