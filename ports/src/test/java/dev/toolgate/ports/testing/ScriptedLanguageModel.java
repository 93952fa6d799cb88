package dev.toolgate.ports.testing;

import dev.toolgate.ports.PortException;
import dev.toolgate.ports.llm.LanguageModel;
import dev.toolgate.ports.llm.ModelReply;
import dev.toolgate.ports.llm.ModelRequest;
import dev.toolgate.ports.llm.ModelStream;
import dev.toolgate.ports.llm.ModelToolCall;
import dev.toolgate.ports.llm.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A {@link LanguageModel} for tests of what uses one (the agent loop): it answers with replies queued
 * in advance, or throws queued failures, and records every request. A streamed request gets the
 * reply's text as word-sized deltas, then its tool calls, like the real adapter. Thread-safe.
 */
public final class ScriptedLanguageModel implements LanguageModel {
  private final String provider;
  private final Deque<Object> script = new ArrayDeque<>();
  private final List<ModelRequest> requests = new ArrayList<>();

  public ScriptedLanguageModel(String provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /** Queues a text answer with the given token counts and no cost. */
  public synchronized ScriptedLanguageModel thenAnswer(String text, long inputTokens, long outputTokens) {
    script.add(new ModelReply(provider, "scripted", text, List.of(),
        new TokenUsage(inputTokens, outputTokens, false), null, "stop"));
    return this;
  }

  /** Queues a reply that calls tools. */
  public synchronized ScriptedLanguageModel thenCall(ModelToolCall... calls) {
    script.add(new ModelReply(provider, "scripted", "", List.of(calls), new TokenUsage(10, 5, false), null,
        "tool_calls"));
    return this;
  }

  /** Queues any reply as is. */
  public synchronized ScriptedLanguageModel thenReply(ModelReply reply) {
    script.add(Objects.requireNonNull(reply, "reply"));
    return this;
  }

  /** Queues a failure, e.g. an {@code UnavailableException} or a {@code ModelCredentialsException}. */
  public synchronized ScriptedLanguageModel thenFail(PortException failure) {
    script.add(Objects.requireNonNull(failure, "failure"));
    return this;
  }

  /** Every request so far, in order. */
  public synchronized List<ModelRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public String provider() {
    return provider;
  }

  @Override
  public ModelReply chat(ModelRequest request, ModelStream stream) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(stream, "stream");
    Object next;
    synchronized (this) {
      requests.add(request);
      next = script.poll();
    }
    if (next == null) {
      throw new IllegalStateException("ScriptedLanguageModel has no reply left for request " + request.requestId());
    }
    if (next instanceof PortException failure) {
      throw failure;
    }
    ModelReply reply = (ModelReply) next;
    if (request.streaming()) {
      for (String word : reply.text().split("(?<= )")) {
        if (!word.isEmpty()) {
          stream.text(word);
        }
      }
      reply.toolCalls().forEach(stream::toolCall);
    }
    return reply;
  }
}
