package dev.toolgate.app.cli;

import dev.toolgate.app.http.ServerStartException;
import dev.toolgate.app.http.SettingsException;
import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.InvalidCommandException;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.NotFoundException;

/**
 * The CLI's exit codes, and the one place where outcomes and failures are mapped to them. Scripts
 * rely on these numbers: they are part of the CLI's contract and listed in the top-level help.
 */
public final class ExitCodes {
  /** The operation succeeded. */
  public static final int OK = 0;

  /** The operation or the tool failed, or a demo expectation did not hold. */
  public static final int FAILED = 1;

  /** The command line itself is wrong (picocli's usage error code). */
  public static final int USAGE = 2;

  /** The key is unknown or revoked, or the principal may not do this (role, policy, deny list). */
  public static final int FORBIDDEN = 3;

  /** The tool's arguments do not match its schema, or JSON input is malformed. */
  public static final int INVALID_INPUT = 4;

  /** The call waits for an approval; its id is on stdout. */
  public static final int APPROVAL_REQUIRED = 5;

  /** Idempotency key reused or in progress, approval already decided or stale. */
  public static final int CONFLICT = 6;

  /** Over the rate limit. */
  public static final int RATE_LIMITED = 7;

  /** No such tool, approval or key. */
  public static final int NOT_FOUND = 8;

  /** The approval expired or was rejected; the call never ran. */
  public static final int APPROVAL_CLOSED = 9;

  /** The settings are invalid; each problem is printed on stderr. */
  public static final int BAD_SETTINGS = 10;

  /** The server could not start listening (port in use, address not of this machine). */
  public static final int START_FAILED = 11;

  /** The help footer listing every code; a constant so that the annotation can use it. */
  static final String HELP_FOOTER =
      "%nExit codes:%n"
          + "   0  ok%n"
          + "   1  the operation or tool failed (also: a demo expectation failed)%n"
          + "   2  usage error (unknown command or option, bad option value)%n"
          + "   3  unauthenticated, forbidden or denied by policy%n"
          + "   4  invalid tool arguments or malformed JSON input%n"
          + "   5  approval required: the call is pending, stdout has the approval id%n"
          + "   6  conflict: idempotency key reused, in progress or its outcome unknown; approval decided or stale%n"
          + "   7  rate limited%n"
          + "   8  not found: unknown tool, approval or key%n"
          + "   9  the approval expired or was rejected%n"
          + "  10  bad settings: each problem is printed on stderr%n"
          + "  11  the server could not start (port in use, address not of this machine)%n";

  private ExitCodes() {}

  /** The exit code of a tool call's outcome: the CLI's one mapping of every {@link ToolOutcome.Kind}. */
  public static int of(ToolOutcome outcome) {
    return switch (outcome.kind()) {
      case SUCCEEDED -> OK;
      case UNKNOWN_TOOL -> NOT_FOUND;
      case DENIED -> FORBIDDEN;
      case RATE_LIMITED -> RATE_LIMITED;
      case INVALID -> INVALID_INPUT;
      case IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_IN_PROGRESS -> CONFLICT;
      case APPROVAL_REQUIRED -> APPROVAL_REQUIRED;
      case APPROVAL_REJECTED, APPROVAL_EXPIRED -> APPROVAL_CLOSED;
      case FAILED -> of(((ToolOutcome.Failed) outcome).failure());
    };
  }

  private static int of(FailureCode failure) {
    return switch (failure) {
      case CLIENT_NOT_ALLOWED -> FORBIDDEN;
      case OUTCOME_UNKNOWN -> CONFLICT;
      case NOT_FOUND, UPSTREAM_REJECTED, VALIDATION_FAILED, TOOL_ERROR, UPSTREAM_UNAVAILABLE, TIMEOUT, UNAVAILABLE,
          INTERNAL_ERROR -> FAILED;
    };
  }

  /**
   * The exit code of an approval decision. A rejection the approver asked for is a success; an
   * approval whose call then failed exits as that call's outcome does.
   */
  public static int of(DecisionOutcome outcome) {
    return switch (outcome.kind()) {
      case APPROVED -> of(((DecisionOutcome.Approved) outcome).execution());
      case REJECTED -> OK;
      case NOT_FOUND -> NOT_FOUND;
      case ALREADY_DECIDED, STALE -> CONFLICT;
      case EXPIRED -> APPROVAL_CLOSED;
      case FORBIDDEN -> FORBIDDEN;
      case UNAVAILABLE -> FAILED;
    };
  }

  /** The exit code of a failure that escaped a command. */
  static int of(Throwable failure) {
    if (failure instanceof CliException cli) {
      return cli.exitCode();
    } else if (failure instanceof SettingsException) {
      return BAD_SETTINGS;
    } else if (failure instanceof InvalidCommandException) {
      return INVALID_INPUT;
    } else if (failure instanceof ServerStartException) {
      return START_FAILED;
    } else if (failure instanceof ForbiddenException) {
      return FORBIDDEN;
    } else if (failure instanceof NotFoundException) {
      return NOT_FOUND;
    } else if (failure instanceof ConflictException) {
      return CONFLICT;
    } else if (failure instanceof IllegalArgumentException) {
      return INVALID_INPUT;
    }
    return FAILED;
  }
}
