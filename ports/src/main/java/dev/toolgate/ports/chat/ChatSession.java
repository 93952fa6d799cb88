package dev.toolgate.ports.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A conversation of one client: the turns asked in it share context (seed 000's {@code sessions}).
 *
 * @param id identifier, e.g. {@code ses_…}; 1–64 letters, digits, '-' or '_'
 * @param clientKey the client every turn of the session is about; a session never changes client
 * @param createdAt when the session was started
 * @param lastActiveAt when its latest turn was appended ({@code createdAt} while it has none)
 * @param turnCount how many turns it holds; the next turn's {@code seq} is {@code turnCount + 1}
 */
public record ChatSession(String id, String clientKey, Instant createdAt, Instant lastActiveAt, int turnCount) {
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public ChatSession {
    requireId("session id", id);
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActiveAt, "lastActiveAt");
    if (lastActiveAt.isBefore(createdAt)) {
      throw new IllegalArgumentException(
          "session '" + id + "' was last active at " + lastActiveAt + ", before it was created at " + createdAt);
    }
    if (turnCount < 0) {
      throw new IllegalArgumentException("session '" + id + "' has a negative turn count " + turnCount);
    }
  }

  /** A new session without turns. */
  public static ChatSession start(String id, String clientKey, Instant at) {
    return new ChatSession(id, clientKey, at, at, 0);
  }

  static void requireId(String what, String id) {
    Objects.requireNonNull(id, what);
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(what + " '" + id + "' must be 1-64 letters, digits, '-' or '_'");
    }
  }
}
