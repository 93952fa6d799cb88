package dev.toolgate.core.chat;

import java.util.List;
import java.util.Optional;

/**
 * Reads the model a question asks for against the planner's {@code provider/model} names: the full
 * name, or just the provider or just the model when that names exactly one. Used for a message's
 * model and for a client's default model.
 */
public final class ModelChoice {
  private ModelChoice() {}

  /** The one offered {@code provider/model} that {@code wanted} names, or empty. */
  public static Optional<String> resolve(String wanted, List<String> offered) {
    if (offered.contains(wanted)) {
      return Optional.of(wanted);
    }
    List<String> matches =
        offered.stream().filter(name -> name.startsWith(wanted + "/") || name.endsWith("/" + wanted)).toList();
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  /** Why {@code wanted} names no offered model, listing those offered. */
  public static String unknown(String wanted, List<String> offered) {
    return offered.isEmpty()
        ? "model '" + wanted + "' is not available: no language model is configured"
        : "model '" + wanted + "' is not configured (or names more than one); choose one of "
            + String.join(", ", offered);
  }
}
