package dev.toolgate.core.approval;

/**
 * Learns of each approval an approver decided: approved (the parked call has run, its outcome is in
 * {@link DecisionOutcome.Approved#execution()}) or rejected. The chat uses it to resume a turn that
 * paused for the approval.
 *
 * <p>Called on the deciding thread after the decision is stored and audited, with the approval as
 * stored (arguments unmasked: never show them). A listener that throws is logged; the decision stands.
 */
@FunctionalInterface
public interface DecisionListener {
  void decided(DecisionOutcome outcome);
}
