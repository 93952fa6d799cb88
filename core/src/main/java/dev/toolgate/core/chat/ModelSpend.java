package dev.toolgate.core.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.chat.ModelUsage;
import java.math.BigDecimal;

/** What the model replies of one turn cost together: tokens in and out, dollars, and whether any count was estimated. */
final class ModelSpend {
  private ModelUsage last;
  private int replies;
  private long tokensIn;
  private long tokensOut;
  private BigDecimal costUsd = BigDecimal.ZERO;
  private boolean estimated;

  void add(ModelUsage reply) {
    last = reply;
    replies++;
    tokensIn += reply.inputTokens();
    tokensOut += reply.outputTokens();
    costUsd = costUsd.add(reply.costUsd());
    estimated |= reply.estimated();
  }

  /**
   * Adds {@code provider}, {@code model} (of the last reply), {@code model_replies}, {@code tokens_in},
   * {@code tokens_out}, {@code cost_usd} and {@code estimated} to the evidence; nothing when no model
   * replied (the rule-based planner), so its evidence does not claim a model ran.
   */
  void writeTo(ObjectNode evidence) {
    if (replies == 0) {
      return;
    }
    evidence.put("provider", last.provider());
    evidence.put("model", last.model());
    evidence.put("model_replies", replies);
    evidence.put("tokens_in", tokensIn);
    evidence.put("tokens_out", tokensOut);
    evidence.put("cost_usd", costUsd);
    evidence.put("estimated", estimated);
  }
}
