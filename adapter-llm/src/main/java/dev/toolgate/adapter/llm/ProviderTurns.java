package dev.toolgate.adapter.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.toolgate.ports.llm.ModelMessage;
import dev.toolgate.ports.llm.ModelToolCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider's own form of recent replies that called tools and carried opaque state the port has
 * no field for, such as Gemini 3's {@code thoughtSignature}: Gemini refuses a function-calling turn
 * whose model turn comes back without it. When the caller echoes such a reply as a
 * {@link ModelMessage.Assistant}, the original goes back instead of a rebuilt one. Bounded; a turn
 * that has been evicted is rebuilt without the state (Gemini then answers 4xx, as it would anyway).
 */
final class ProviderTurns {
  private static final int CAPACITY = 1000;

  private final Map<String, AiMessage> byFirstCallId =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AiMessage> eldest) {
          return size() > CAPACITY;
        }
      };

  /** Keeps {@code original} if it holds provider state worth sending back. */
  synchronized void remember(List<ModelToolCall> calls, AiMessage original) {
    if (!calls.isEmpty() && original != null && !original.attributes().isEmpty()) {
      byFirstCallId.put(calls.get(0).id(), original);
    }
  }

  /** The original of {@code echoed}, or null when none is kept (or it does not match). */
  synchronized AiMessage original(ModelMessage.Assistant echoed) {
    if (echoed.toolCalls().isEmpty()) {
      return null;
    }
    AiMessage original = byFirstCallId.get(echoed.toolCalls().get(0).id());
    return original != null && original.toolExecutionRequests().size() == echoed.toolCalls().size() ? original : null;
  }
}
