package dev.toolgate.mcp;

import dev.toolgate.ports.mcp.McpPassthrough;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which sessions subscribed to which upstream resource. The upstream is asked once per URI, when the
 * first session subscribes, and released when the last one unsubscribes or ends, so that many clients
 * watching one resource cost the upstream one subscription. Thread-safe.
 */
final class ResourceSubscriptions {
  private final McpPassthrough passthrough;
  private final Map<String, Set<String>> sessionsByUri = new HashMap<>();

  ResourceSubscriptions(McpPassthrough passthrough) {
    this.passthrough = passthrough;
  }

  /** Subscribes {@code session}; the upstream's refusal (unknown URI, down) reaches the caller. */
  void subscribe(String session, String uri) {
    synchronized (this) {
      Set<String> sessions = sessionsByUri.get(uri);
      if (sessions != null) {
        sessions.add(session);
        return;
      }
    }
    // Outside the lock: the upstream may take its timeout to answer.
    passthrough.subscribe(uri);
    synchronized (this) {
      sessionsByUri.computeIfAbsent(uri, u -> new HashSet<>()).add(session);
    }
  }

  void unsubscribe(String session, String uri) {
    boolean last;
    synchronized (this) {
      Set<String> sessions = sessionsByUri.get(uri);
      last = sessions != null && sessions.remove(session) && sessions.isEmpty();
      if (last) {
        sessionsByUri.remove(uri);
      }
    }
    if (last) {
      passthrough.unsubscribe(uri);
    }
  }

  /** Releases what an ended session held. */
  void sessionClosed(String session) {
    List<String> uris;
    synchronized (this) {
      uris = sessionsByUri.entrySet().stream().filter(e -> e.getValue().contains(session)).map(Map.Entry::getKey).toList();
    }
    uris.forEach(uri -> unsubscribeQuietly(session, uri));
  }

  private void unsubscribeQuietly(String session, String uri) {
    try {
      unsubscribe(session, uri);
    } catch (RuntimeException e) {
      // The upstream is gone or refused: the subscription ends with its session either way.
    }
  }

  /** The sessions subscribed to {@code uri} now. */
  synchronized Set<String> sessions(String uri) {
    return Set.copyOf(sessionsByUri.getOrDefault(uri, Set.of()));
  }
}
