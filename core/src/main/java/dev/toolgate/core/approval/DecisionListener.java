package dev.toolgate.core.approval;

/**
 * Learns of each approval an approver decided: approved (the parked call has run, its outcome is in
 * {@link DecisionOutcome.Approved#execution()}) or rejected, and of each decision repeated on an
 * approval already decided ({@link DecisionOutcome.AlreadyDecided}, the approval as stored): a
 * decision whose audit failed is not told (it answers unavailable), and its retry, answered "already
 * decided", is how a listener catches up. So a listener must act at most once per approval. The chat
 * uses it to resume a turn that paused for the approval.
 *
 * <p>Called on the deciding thread after the decision is stored and audited, with the approval as
 * stored (arguments unmasked: never show them). A listener that throws is logged; the decision stands.
 */
@FunctionalInterface
public interface DecisionListener {
  void decided(DecisionOutcome outcome);
}
