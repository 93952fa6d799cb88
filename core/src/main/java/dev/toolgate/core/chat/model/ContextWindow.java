package dev.toolgate.core.chat.model;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.llm.ModelMessage;
import dev.toolgate.ports.llm.ModelTool;
import dev.toolgate.ports.llm.TokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a conversation into the model's context window: the system prompt and the last
 * {@code preserveRecent} messages are always kept, {@code reserveTokens} stay free for the reply, and
 * earlier turns of the session are dropped oldest first until the rest fits. A tool result longer
 * than its share is cut, and the cut is said in the result itself, so the model knows data is missing.
 * The question being answered and this turn's own calls and results are never dropped: a provider
 * rejects a tool call without its result.
 */
final class ContextWindow {
  /** Per message: role and separators, as in OpenAI's published counting recipe. */
  static final int PER_MESSAGE = 4;
  /** How every cut tool result's note begins. */
  static final String NOTE_START = "[cut by Toolgate to fit the model's context: this tool result is ";
  private static final int SMALLEST_SHARE = 64;
  private static final int NOTE_TOKENS = 60;

  private final ModelPlannerConfig config;
  private final TokenCounter counter;

  ContextWindow(ModelPlannerConfig config, TokenCounter counter) {
    this.config = config;
    this.counter = counter;
  }

  /**
   * What is sent, and what had to go.
   *
   * @param tokens the estimated tokens of the messages and tools sent
   * @param dropped how many earlier messages were left out
   * @param cut how many tool results were cut
   */
  record Fitted(List<ModelMessage> messages, long tokens, int dropped, int cut) {}

  /**
   * @param messages the system prompt first, then the session's earlier turns, then the question (at
   *     {@code questionIndex}) and this turn's calls and results
   */
  Fitted fit(List<ModelMessage> messages, int questionIndex, List<ModelTool> tools) {
    long budget = config.contextMaxTokens() - config.reserveTokens() - tools(tools);
    List<ModelMessage> kept = new ArrayList<>(messages);
    int question = questionIndex;
    int share = config.toolResultMaxTokens();
    List<ModelMessage> turn = cutResults(kept.subList(question, kept.size()), share);
    int dropped = 0;
    // Earlier turns go oldest first; the last preserveRecent messages stay, whatever they cost.
    int protectedHistory = Math.max(0, config.preserveRecent() - turn.size());
    while (tokens(kept.subList(0, question)) + tokens(turn) > budget && question - protectedHistory > 1) {
      kept.remove(1);
      question--;
      dropped++;
      // A dropped question takes its answer along: history never opens with the model's own words.
      if (question - protectedHistory > 1 && kept.get(1) instanceof ModelMessage.Assistant) {
        kept.remove(1);
        question--;
        dropped++;
      }
    }
    // Still too long: this turn's tool results get a smaller share each, down to a floor.
    while (tokens(kept.subList(0, question)) + tokens(turn) > budget && share / 2 >= SMALLEST_SHARE) {
      share /= 2;
      turn = cutResults(kept.subList(question, kept.size()), share);
    }
    List<ModelMessage> sent = new ArrayList<>(kept.subList(0, question));
    sent.addAll(turn);
    int cut = (int) turn.stream()
        .filter(m -> m instanceof ModelMessage.ToolResult r && r.content().contains(NOTE_START))
        .count();
    return new Fitted(sent, tokens(sent) + tools(tools), dropped, cut);
  }

  private List<ModelMessage> cutResults(List<ModelMessage> turn, int maxTokens) {
    return turn.stream().map(m -> m instanceof ModelMessage.ToolResult r ? cut(r, maxTokens) : m).toList();
  }

  private ModelMessage.ToolResult cut(ModelMessage.ToolResult result, int maxTokens) {
    String content = result.content();
    long tokens = counter.count(content);
    if (tokens <= maxTokens) {
      return result;
    }
    // Characters in proportion to the allowed tokens, leaving room for the note.
    int keep = (int) Math.max(0, (long) content.length() * Math.max(0, maxTokens - NOTE_TOKENS) / tokens);
    String note = NOTE_START + tokens + " tokens (" + content.length() + " characters); only its first " + keep
        + " characters are shown. Say that the data is incomplete, or ask for less (a shorter range, fewer rows).]";
    return new ModelMessage.ToolResult(
        result.callId(), result.toolName(), content.substring(0, keep) + "\n" + note, result.isError());
  }

  long tokens(List<ModelMessage> messages) {
    long total = 0;
    for (ModelMessage message : messages) {
      total += PER_MESSAGE + counter.count(ModelMessage.countedText(message));
    }
    return total;
  }

  private long tools(List<ModelTool> tools) {
    long total = 0;
    for (ModelTool tool : tools) {
      total += counter.count(tool.name()) + counter.count(tool.description())
          + counter.count(Json.write(tool.inputSchema()));
    }
    return total;
  }

}
