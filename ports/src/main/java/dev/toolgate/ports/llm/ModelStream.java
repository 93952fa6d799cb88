package dev.toolgate.ports.llm;

/**
 * Receives a streamed reply as it arrives. Implementations must return quickly (they run on the
 * thread that reads the provider's stream) and must not throw; what they throw ends the request
 * with a failure.
 */
public interface ModelStream {

  /** Ignores every delta; for callers that only want the final {@link ModelReply}. */
  ModelStream NONE =
      new ModelStream() {
        @Override
        public void text(String delta) {}

        @Override
        public void toolCall(ModelToolCall call) {}
      };

  /** The next piece of the reply's text; never null or empty. */
  void text(String delta);

  /** A tool call the model made, complete with its parsed arguments. */
  void toolCall(ModelToolCall call);
}
