package dev.toolgate.core.call;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a tool call can end in. Each face (HTTP, MCP, CLI, audit) maps these in one switch
 * over {@link #kind()} without a {@code default}, so a new outcome fails compilation wherever it is
 * not handled. The uniform accessors ({@link #code()}, {@link #message()}, {@link #retryable()},
 * {@link #details()}) carry everything an error response needs.
 */
public sealed interface ToolOutcome {
  /** One constant per variant; {@link #kind()} returns the variant's. */
  enum Kind {
    SUCCEEDED,
    UNKNOWN_TOOL,
    DENIED,
    RATE_LIMITED,
    INVALID,
    IDEMPOTENCY_KEY_REUSED,
    IDEMPOTENCY_IN_PROGRESS,
    APPROVAL_REQUIRED,
    APPROVAL_REJECTED,
    APPROVAL_EXPIRED,
    FAILED
  }

  Kind kind();

  /** The tool name as called. */
  String tool();

  /** Stable code: {@code ok}, or the error code such as {@code tool_not_allowed}. */
  String code();

  /** A human sentence describing the outcome. */
  String message();

  /** Whether calling again unchanged may succeed (later). */
  default boolean retryable() {
    return false;
  }

  /**
   * The facts of this outcome a caller or an auditor can act on, as a new object each time (the
   * error body's {@code details}, and the audit record's). Never secrets.
   */
  ObjectNode details();

  default boolean isSuccess() {
    return kind() == Kind.SUCCEEDED;
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
      ToolResult result,
      boolean idempotentReplay,
      boolean cacheHit,
      long cacheAgeMs,
      String approvalId)
      implements ToolOutcome {
    public Succeeded {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(result, "result");
    }

    public Kind kind() {
      return Kind.SUCCEEDED;
    }

    public String code() {
      return "ok";
    }

    public String message() {
      return idempotentReplay ? "replayed the stored result" : cacheHit ? "served from cache" : "ok";
    }

    public ObjectNode details() {
      ObjectNode details = Json.object();
      if (idempotentReplay) {
        details.put("idempotent_replay", true);
      }
      if (cacheHit) {
        details.put("cache_hit", true).put("cache_age_ms", cacheAgeMs);
      }
      if (approvalId != null) {
        details.put("approval_id", approvalId);
      }
      return details;
    }

    public Succeeded asReplay() {
      return new Succeeded(tool, result, true, cacheHit, cacheAgeMs, approvalId);
    }
  }

  /** No tool has this name (or the caller may not see it). */
  record UnknownTool(String tool) implements ToolOutcome {
    public Kind kind() {
      return Kind.UNKNOWN_TOOL;
    }

    public String code() {
      return "unknown_tool";
    }

    public String message() {
      return "no tool named '" + tool + "'";
    }

    public ObjectNode details() {
      return Json.object().put("tool", tool);
    }
  }

  /**
   * Policy refused the call.
   *
   * @param rule which rule denied it, e.g. {@code global_allowlist}, {@code key_deny}, {@code client_allow},
   *     {@code role:write}
   */
  record Denied(String tool, String rule, String message) implements ToolOutcome {
    public Kind kind() {
      return Kind.DENIED;
    }

    public String code() {
      return "tool_not_allowed";
    }

    public ObjectNode details() {
      return Json.object().put("rule", rule);
    }
  }

  /**
   * Over the rate limit.
   *
   * @param scope {@code key} or {@code client}
   * @param retryAfterMs how long until a call may succeed
   */
  record RateLimited(String tool, String scope, long retryAfterMs) implements ToolOutcome {
    public Kind kind() {
      return Kind.RATE_LIMITED;
    }

    public String code() {
      return "rate_limited";
    }

    public String message() {
      return "rate limit of the " + scope + " exceeded; retry after " + retryAfterMs + " ms";
    }

    @Override
    public boolean retryable() {
      return true;
    }

    public ObjectNode details() {
      return Json.object().put("scope", scope).put("retry_after_ms", retryAfterMs);
    }
  }

  /** The arguments do not match the tool's input schema. */
  record Invalid(String tool, List<FieldError> errors) implements ToolOutcome {
    public Invalid {
      errors = List.copyOf(errors);
    }

    public Kind kind() {
      return Kind.INVALID;
    }

    public String code() {
      return "invalid_arguments";
    }

    public String message() {
      return "arguments do not match the input schema of '" + tool + "' (" + errors.size() + " error"
          + (errors.size() == 1 ? "" : "s") + ")";
    }

    public ObjectNode details() {
      return FieldError.details(errors);
    }
  }

  /** The idempotency key was used before with other arguments. */
  record IdempotencyKeyReused(String tool, String idempotencyKey) implements ToolOutcome {
    public Kind kind() {
      return Kind.IDEMPOTENCY_KEY_REUSED;
    }

    public String code() {
      return "idempotency_key_reused";
    }

    public String message() {
      return "idempotency key '" + idempotencyKey + "' was already used with different arguments";
    }

    public ObjectNode details() {
      return Json.object().put("idempotency_key", idempotencyKey);
    }
  }

  /** A call with the same idempotency key is still running; retry later. */
  record IdempotencyInProgress(String tool, String idempotencyKey) implements ToolOutcome {
    public Kind kind() {
      return Kind.IDEMPOTENCY_IN_PROGRESS;
    }

    public String code() {
      return "idempotency_in_progress";
    }

    public String message() {
      return "a call with idempotency key '" + idempotencyKey + "' is still in progress; retry shortly";
    }

    @Override
    public boolean retryable() {
      return true;
    }

    public ObjectNode details() {
      return Json.object().put("idempotency_key", idempotencyKey);
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
    public Kind kind() {
      return Kind.APPROVAL_REQUIRED;
    }

    public String code() {
      return "approval_required";
    }

    public String message() {
      return "'" + tool + "' requires approval; approval " + approvalId + " is pending until " + expiresAt;
    }

    public ObjectNode details() {
      return Json.object()
          .put("approval_id", approvalId)
          .put("expires_at", expiresAt == null ? null : expiresAt.toString())
          .put("idempotent_replay", idempotentReplay);
    }
  }

  /** An approver rejected the call; it never ran. */
  record ApprovalRejected(String tool, String approvalId, String decidedBy, String reason)
      implements ToolOutcome {
    public Kind kind() {
      return Kind.APPROVAL_REJECTED;
    }

    public String code() {
      return "approval_rejected";
    }

    public String message() {
      return "approval " + approvalId + " was rejected" + (reason == null ? "" : ": " + reason);
    }

    public ObjectNode details() {
      return Json.object().put("approval_id", approvalId).put("decided_by", decidedBy).put("reason", reason);
    }
  }

  /** The approval expired undecided (or its policy version is stale); the call never ran. */
  record ApprovalExpired(String tool, String approvalId) implements ToolOutcome {
    public Kind kind() {
      return Kind.APPROVAL_EXPIRED;
    }

    public String code() {
      return "approval_expired";
    }

    public String message() {
      return "approval " + approvalId + " expired before it was decided";
    }

    public ObjectNode details() {
      return Json.object().put("approval_id", approvalId);
    }
  }

  /**
   * The tool ran and failed, or could not be run.
   *
   * @param failure why
   * @param retryable whether the same call may succeed later
   * @param extraDetails facts from the tool or backing system (e.g. a worker's {@code discrepancies}),
   *     merged into {@link #details()}; may be null
   * @param result the tool's own error result ({@code isError}) for {@link FailureCode#TOOL_ERROR},
   *     shown to the caller as it was; null otherwise
   */
  record Failed(
      String tool, FailureCode failure, String message, boolean retryable, ObjectNode extraDetails, ToolResult result)
      implements ToolOutcome {
    public Failed {
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(message, "message");
      extraDetails = extraDetails == null ? null : extraDetails.deepCopy();
    }

    public Failed(String tool, FailureCode failure, String message, boolean retryable) {
      this(tool, failure, message, retryable, null, null);
    }

    public Kind kind() {
      return Kind.FAILED;
    }

    public String code() {
      return failure.wireName();
    }

    public ObjectNode details() {
      ObjectNode details = Json.object();
      details.put("retryable", retryable);
      if (extraDetails != null) {
        details.setAll(extraDetails.deepCopy());
      }
      if (result != null) {
        ArrayNode content = details.putArray("content");
        result.toJson().path("content").forEach(content::add);
      }
      return details;
    }
  }
}
