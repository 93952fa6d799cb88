package dev.toolgate.ports.tool;

/**
 * What the gateway may do with a call whose previous attempt was cut off (the process died after
 * reserving the idempotency key and before storing the outcome), so that no side effect happens twice.
 */
public enum Recovery {
  /**
   * Running the call again is safe: its effect is keyed by the call's effect key where it happens (a
   * unique column in Toolgate's own store, or a remote that honours the key passed on), so a re-run
   * finds the first effect instead of making another; or it has no effect at all.
   */
  RERUN,
  /**
   * Nobody can tell whether the cut-off attempt had its effect: the gateway does not run the call
   * again and answers {@code outcome_unknown} until an operator resolves the key.
   */
  UNKNOWN
}
