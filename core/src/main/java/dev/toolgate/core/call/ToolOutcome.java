package dev.toolgate.core.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a tool call can end in. Each face (HTTP, MCP, CLI) maps these once to its protocol.
 * {@link #code()} is the stable machine-readable code ({@code ok} for success).
 */
public sealed interface ToolOutcome {
  /** The tool name as called. */
  String tool();

  /** Stable code: {@code ok}, or the error code such as {@code tool_not_allowed}. */
  String code();

  /** A human sentence describing the outcome. */
  String message();

  default boolean isSuccess() {
    return this instanceof Succeeded;
  }

  /**
   * The tool ran (now, earlier for a replay, or when its approval was granted) or the cache answered.
   *
   * @param result the tool's result
   * @param idempotentReplay true when this is the stored outcome of an earlier call with the same key
   * @param cacheHit true when served from the response cache
   * @param cacheAgeMs age of the cached result in ms (0 unless {@code cacheHit})
   * @param approvalId the approval under which it ran, or null
   */
  record Succeeded(
      String tool,
      JsonNode result,
      boolean idempotentReplay,
      boolean cacheHit,
      long cacheAgeMs,
      String approvalId)
      implements ToolOutcome {
    public Succeeded {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(result, "result");
    }

    public String code() {
      return "ok";
    }

    public String message() {
      return idempotentReplay ? "replayed the stored result" : cacheHit ? "served from cache" : "ok";
    }

    public Succeeded asReplay() {
      return new Succeeded(tool, result, true, cacheHit, cacheAgeMs, approvalId);
    }
  }

  /** No tool has this name. */
  record UnknownTool(String tool) implements ToolOutcome {
    public String code() {
      return "unknown_tool";
    }

    public String message() {
      return "no tool named '" + tool + "'";
    }
  }

  /**
   * Policy refused the call.
   *
   * @param rule which rule denied it, e.g. {@code global_allowlist}, {@code key_deny}, {@code client_allow},
   *     {@code role:write}
   */
  record Denied(String tool, String rule, String message) implements ToolOutcome {
    public String code() {
      return "tool_not_allowed";
    }
  }

  /**
   * Over the rate limit.
   *
   * @param scope {@code key} or {@code client}
   * @param retryAfterMs how long until a call may succeed
   */
  record RateLimited(String tool, String scope, long retryAfterMs) implements ToolOutcome {
    public String code() {
      return "rate_limited";
    }

    public String message() {
      return "rate limit of the " + scope + " exceeded; retry after " + retryAfterMs + " ms";
    }
  }

  /** The arguments do not match the tool's input schema. */
  record Invalid(String tool, List<FieldError> errors) implements ToolOutcome {
    public Invalid {
      errors = List.copyOf(errors);
    }

    public String code() {
      return "invalid_arguments";
    }

    public String message() {
      return "arguments do not match the input schema of '" + tool + "' (" + errors.size() + " error"
          + (errors.size() == 1 ? "" : "s") + ")";
    }
  }

  /** The idempotency key was used before with other arguments. */
  record IdempotencyKeyReused(String tool, String idempotencyKey) implements ToolOutcome {
    public String code() {
      return "idempotency_key_reused";
    }

    public String message() {
      return "idempotency key '" + idempotencyKey + "' was already used with different arguments";
    }
  }

  /** A call with the same idempotency key is still running; retry later. */
  record IdempotencyInProgress(String tool, String idempotencyKey) implements ToolOutcome {
    public String code() {
      return "idempotency_in_progress";
    }

    public String message() {
      return "a call with idempotency key '" + idempotencyKey + "' is still in progress; retry shortly";
    }
  }

  /**
   * The call waits for a human decision.
   *
   * @param approvalId the approval to decide or poll
   * @param expiresAt when the approval expires undecided
   * @param idempotentReplay true when returned from a stored record
   */
  record ApprovalRequired(String tool, String approvalId, Instant expiresAt, boolean idempotentReplay)
      implements ToolOutcome {
    public String code() {
      return "approval_required";
    }

    public String message() {
      return "'" + tool + "' requires approval; approval " + approvalId + " is pending until " + expiresAt;
    }
  }

  /** An approver rejected the call; it never ran. */
  record ApprovalRejected(String tool, String approvalId, String decidedBy, String reason)
      implements ToolOutcome {
    public String code() {
      return "approval_rejected";
    }

    public String message() {
      return "approval " + approvalId + " was rejected" + (reason == null ? "" : ": " + reason);
    }
  }

  /** The approval expired undecided (or its policy version is stale); the call never ran. */
  record ApprovalExpired(String tool, String approvalId) implements ToolOutcome {
    public String code() {
      return "approval_expired";
    }

    public String message() {
      return "approval " + approvalId + " expired before it was decided";
    }
  }

  /**
   * The tool ran and failed, or could not be run.
   *
   * @param code {@code not_found}, {@code upstream_rejected}, {@code upstream_unavailable},
   *     {@code timeout}, {@code unavailable} (the gateway could not start the call — shutting down
   *     or saturated — so nothing ran; retryable) or {@code internal_error}
   * @param retryable whether the same call may succeed later
   */
  record Failed(String tool, String code, String message, boolean retryable) implements ToolOutcome {}
}
