package dev.toolgate.core.chat;

import java.util.Objects;

/** What a question ends in: an answer (which may itself explain a failed lookup), or a refusal before anything was asked. */
public sealed interface ChatOutcome {
  /** The question was answered and the turn stored. */
  record Answered(ChatAnswer answer) implements ChatOutcome {
    public Answered {
      Objects.requireNonNull(answer, "answer");
    }
  }

  /**
   * The question was not taken; nothing was called or stored.
   *
   * @param code {@code invalid_question} (blank or over 2000 characters), {@code invalid_session_id},
   *     {@code unknown_client}, {@code client_not_allowed} (the key is scoped to another client) or
   *     {@code session_client_mismatch} (the session belongs to another client)
   * @param message what is wrong, in words
   */
  record Refused(String code, String message) implements ChatOutcome {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
