package dev.toolgate.ports.tool;

import java.util.Objects;
import java.util.Set;

/**
 * Behaviour hints of a tool, used by the pipeline and shown to clients.
 *
 * @param readOnly the tool does not change any state; only read-only tools may be cached
 * @param destructive the tool may destroy or overwrite data (meaningful only when not read-only)
 * @param idempotent calling it twice with the same arguments has no additional effect
 * @param openWorld the tool talks to systems outside this gateway's own stores
 * @param requiresApproval every call needs a human approval before it runs
 * @param cacheable results may be served from the response cache (requires {@code readOnly})
 * @param sensitiveArguments argument names whose values are redacted in audit records and logs
 * @param recovery whether a call cut off by a crash may run again under the same idempotency key
 */
public record ToolAnnotations(
    boolean readOnly,
    boolean destructive,
    boolean idempotent,
    boolean openWorld,
    boolean requiresApproval,
    boolean cacheable,
    Set<String> sensitiveArguments,
    Recovery recovery) {

  public ToolAnnotations {
    sensitiveArguments = Set.copyOf(sensitiveArguments);
    Objects.requireNonNull(recovery, "recovery");
    if (cacheable && !readOnly) {
      throw new IllegalArgumentException("only read-only tools may be cacheable");
    }
  }

  /** A read-only, idempotent, cacheable tool over local state; running it again is harmless. */
  public static ToolAnnotations read() {
    return new ToolAnnotations(true, false, true, false, false, true, Set.of(), Recovery.RERUN);
  }

  /**
   * A tool with side effects that is neither destructive nor idempotent and needs no approval, and
   * whose cut-off calls are not run again ({@link Recovery#UNKNOWN}) unless it says otherwise.
   */
  public static ToolAnnotations write() {
    return new ToolAnnotations(false, false, false, false, false, false, Set.of(), Recovery.UNKNOWN);
  }

  /** Whether the tool changes state; such tools take idempotency keys. */
  public boolean hasSideEffects() {
    return !readOnly;
  }

  public ToolAnnotations withRequiresApproval(boolean value) {
    return new ToolAnnotations(
        readOnly, destructive, idempotent, openWorld, value, cacheable, sensitiveArguments, recovery);
  }

  public ToolAnnotations withDestructive(boolean value) {
    return new ToolAnnotations(
        readOnly, value, idempotent, openWorld, requiresApproval, cacheable, sensitiveArguments, recovery);
  }

  public ToolAnnotations withOpenWorld(boolean value) {
    return new ToolAnnotations(
        readOnly, destructive, idempotent, value, requiresApproval, cacheable, sensitiveArguments, recovery);
  }

  public ToolAnnotations withCacheable(boolean value) {
    return new ToolAnnotations(
        readOnly, destructive, idempotent, openWorld, requiresApproval, value, sensitiveArguments, recovery);
  }

  public ToolAnnotations withSensitiveArguments(Set<String> names) {
    return new ToolAnnotations(
        readOnly, destructive, idempotent, openWorld, requiresApproval, cacheable, names, recovery);
  }

  public ToolAnnotations withRecovery(Recovery value) {
    return new ToolAnnotations(
        readOnly, destructive, idempotent, openWorld, requiresApproval, cacheable, sensitiveArguments, value);
  }
}
