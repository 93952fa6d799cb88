package dev.toolgate.mcp;

import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.audit.Redaction;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolDefinition;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Serves {@code tools/call}: one call through core's pipeline as the caller, with progress
 * notifications when the request carries a progress token, log messages at the level the client
 * set, and, when the call waits for approval and the client can show a form to its user, the
 * approval asked inline and decided through core.
 *
 * <p>A call's notifications and its answer reach the client through {@link CallNotifications}, in
 * order, and what a tool reports goes off the thread that produced it, so a client that stops
 * reading holds up nothing but its own calls.
 *
 * <p>Over stdio calls run on their own threads, never on the transport's: the answer to an inline
 * question arrives on the very thread that reads requests. Over HTTP each request has its own
 * thread, which waits for the answer anyway: the call runs on it, saving a hand-off per call.
 *
 * <p>When the client cancels a call the request is released at once and nothing is sent for it; a
 * tool that has started still finishes, through the pipeline, audited, and (given an idempotency
 * key) its result can be fetched again.
 */
final class ToolCalls {
  private static final Logger LOG = LoggerFactory.getLogger(ToolCalls.class);
  private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(5);
  private static final String LOGGER = "toolgate";

  /** The inline approval form: a flat object of primitives, as MCP elicitation requires. */
  private static final Map<String, Object> APPROVAL_FORM =
      Map.of(
          "type", "object",
          "properties",
              Map.of(
                  "decision",
                  Map.of(
                      "type", "string",
                      "title", "Decision",
                      "description", "approve: run the call now, exactly once. reject: it never runs.",
                      "enum", List.of("approve", "reject")),
                  "reason",
                  Map.of(
                      "type", "string",
                      "title", "Reason",
                      "description", "Optional; kept with the approval and in the audit trail.",
                      "maxLength", 1000)),
          "required", List.of("decision"));

  private final Toolgate toolgate;
  private final McpConfig config;
  private final InFlightCalls inFlight;
  private final ExecutorService executor;
  private final boolean onRequestThread;

  /** Calls that each run on a thread of {@code executor} (stdio: the transport has one thread). */
  static ToolCalls onOwnThreads(Toolgate toolgate, McpConfig config, InFlightCalls inFlight, ExecutorService executor) {
    return new ToolCalls(toolgate, config, inFlight, executor, false);
  }

  /**
   * Calls that run on the thread of the HTTP request that made them, which waits for the answer
   * anyway; {@code executor} sends notifications, and once shut down refuses new calls.
   */
  static ToolCalls onRequestThreads(Toolgate toolgate, McpConfig config, InFlightCalls inFlight, ExecutorService executor) {
    return new ToolCalls(toolgate, config, inFlight, executor, true);
  }

  private ToolCalls(Toolgate toolgate, McpConfig config, InFlightCalls inFlight, ExecutorService executor, boolean onRequestThread) {
    this.toolgate = toolgate;
    this.config = config;
    this.inFlight = inFlight;
    this.executor = executor;
    this.onRequestThread = onRequestThread;
  }

  Mono<CallToolResult> call(McpAsyncServerExchange exchange, Caller caller, McpSchema.CallToolRequest request) {
    String jsonRpcId = JsonRpcIdRecorder.idOf(request.meta());
    return Mono.create(
        sink -> {
          Sinks.Empty<Void> cancelled = Sinks.empty();
          CallNotifications notifications =
              CallNotifications.to(exchange, executor, request.name() + " of request " + caller.requestId());
          Progress progress = new Progress(notifications, request.progressToken());
          McpToolContext context = new McpToolContext(exchange, progress::report, notifications);
          InFlightCalls.Registration registration =
              inFlight.register(
                  exchange.sessionId(),
                  jsonRpcId,
                  () -> {
                    LOG.info("tool call {} of request {} cancelled by the client", request.name(), caller.requestId());
                    // Release the request first: the worker, woken next, must find it answered.
                    sink.success();
                    cancelled.tryEmitEmpty();
                    context.cancel();
                  });
          try {
            dispatch(
                () -> {
                  try (registration) {
                    CallToolResult result = run(exchange, caller, request, cancelled.asMono(), notifications, progress, context);
                    notifications.last(() -> sink.success(result));
                  } catch (McpError e) {
                    notifications.last(() -> sink.error(e));
                  } catch (RuntimeException e) {
                    LOG.error("tool call {} of request {} failed", request.name(), caller.requestId(), e);
                    McpError internal =
                        McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                            .message("Internal error; the server log has details under request " + caller.requestId())
                            .build();
                    notifications.last(() -> sink.error(internal));
                  }
                });
          } catch (RejectedExecutionException e) {
            registration.close();
            sink.error(McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("The server is shutting down").build());
          }
        });
  }

  /** Runs a call where this transport runs calls; refuses it (RejectedExecutionException) once shutting down. */
  private void dispatch(Runnable call) {
    if (!onRequestThread) {
      executor.execute(call);
      return;
    }
    if (executor.isShutdown()) {
      throw new RejectedExecutionException("shutting down");
    }
    call.run();
  }

  private CallToolResult run(
      McpAsyncServerExchange exchange,
      Caller caller,
      McpSchema.CallToolRequest request,
      Mono<Void> cancelled,
      CallNotifications notifications,
      Progress progress,
      McpToolContext context) {
    Principal principal = caller.principal();
    // Over HTTP the call runs on the request's thread, whose access log line follows it: put back
    // what that thread had (the same ids) rather than leaving it without.
    String outerRequestId = MDC.get("request_id");
    String outerKeyId = MDC.get("key_id");
    MDC.put("request_id", caller.requestId());
    MDC.put("key_id", principal.keyId());
    try {
      String name = request.name();
      ToolDefinition tool = toolgate.catalog().find(principal, name).orElse(null);
      McpTools.Split split = McpTools.split(tool, request.arguments(), request.meta());
      if (split.problem() != null) {
        ToolOutcome invalid = new ToolOutcome.Invalid(name, List.of(split.problem()));
        tell(notifications, LoggingLevel.WARNING, name + ": " + invalid.code() + " (" + split.problem().message() + ")");
        return McpOutcomes.result(invalid, caller.requestId(), null);
      }
      progress.step("calling " + name);
      tell(notifications, LoggingLevel.DEBUG, name + " called by key " + principal.keyId() + " with "
          + Json.write(Redaction.redact(split.arguments(), tool == null ? Set.of() : tool.annotations().sensitiveArguments())));
      ToolOutcome outcome =
          toolgate.calls()
              .call(
                  new CallToolCommand(
                      principal, name, split.arguments(), split.idempotencyKey(), caller.requestId(), context));
      tell(notifications, outcome.isSuccess() ? LoggingLevel.INFO : LoggingLevel.WARNING,
          name + ": " + outcome.code() + " - " + outcome.message() + " (request " + caller.requestId() + ")");
      if (outcome.kind() == ToolOutcome.Kind.APPROVAL_REQUIRED
          && caller.inlineApprover() != null
          && showsForms(exchange.getClientCapabilities())) {
        ToolOutcome.ApprovalRequired pending = (ToolOutcome.ApprovalRequired) outcome;
        progress.step("waiting for a decision on approval " + pending.approvalId());
        CallToolResult decided = askInline(exchange, caller, tool, split, pending, cancelled, notifications);
        progress.step("done");
        return decided;
      }
      progress.step(name + ": " + outcome.code());
      return McpOutcomes.result(outcome, caller.requestId(), split.idempotencyKey());
    } finally {
      restore("request_id", outerRequestId);
      restore("key_id", outerKeyId);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  /** Whether the client declared elicitation in form mode (an empty declaration means form). */
  static boolean showsForms(McpSchema.ClientCapabilities capabilities) {
    if (capabilities == null || capabilities.elicitation() == null) {
      return false;
    }
    McpSchema.ClientCapabilities.Elicitation elicitation = capabilities.elicitation();
    return elicitation.form() != null || elicitation.url() == null;
  }

  private CallToolResult askInline(
      McpAsyncServerExchange exchange,
      Caller caller,
      ToolDefinition tool,
      McpTools.Split split,
      ToolOutcome.ApprovalRequired pending,
      Mono<Void> cancelled,
      CallNotifications notifications) {
    String requestId = caller.requestId();
    String key = split.idempotencyKey();
    McpSchema.ElicitResult answer;
    try {
      answer =
          exchange.createElicitation(McpSchema.ElicitFormRequest.builder(question(tool, split, pending, caller), APPROVAL_FORM).build())
              .takeUntilOther(cancelled)
              .block(config.elicitationTimeout().plus(NOTIFY_TIMEOUT));
    } catch (RuntimeException e) {
      LOG.info("inline approval of {} was not answered: {}", pending.approvalId(), e.getMessage());
      return McpOutcomes.stillPending(pending, "no_answer", "the question was not answered in time", requestId, key);
    }
    if (answer == null) {
      return McpOutcomes.stillPending(pending, "cancelled", "the call was cancelled", requestId, key);
    }
    Decision decision;
    String reason = null;
    switch (answer.action()) {
      case ACCEPT -> {
        Map<String, Object> content = answer.content() == null ? Map.of() : answer.content();
        Object given = content.get("decision");
        try {
          decision = Decision.parse(given == null ? "" : given.toString());
        } catch (IllegalArgumentException e) {
          return McpOutcomes.stillPending(pending, "invalid_answer", "the answer named no decision", requestId, key);
        }
        Object why = content.get("reason");
        reason = why == null || why.toString().isBlank() ? null : why.toString().strip();
      }
      case DECLINE -> {
        decision = Decision.REJECT;
        reason = "declined when asked in " + clientName(exchange);
      }
      default -> {
        return McpOutcomes.stillPending(pending, "dismissed", "the question was dismissed without an answer", requestId, key);
      }
    }
    DecisionOutcome outcome =
        toolgate.approvals().decide(new DecideCommand(caller.inlineApprover(), pending.approvalId(), decision, reason, requestId));
    tell(notifications, LoggingLevel.INFO, "approval " + pending.approvalId() + ": " + outcome.code());
    return McpOutcomes.decided(pending, outcome, requestId, key);
  }

  private static String question(
      ToolDefinition tool, McpTools.Split split, ToolOutcome.ApprovalRequired pending, Caller caller) {
    Set<String> sensitive = tool == null ? Set.of() : tool.annotations().sensitiveArguments();
    String title = tool == null ? pending.tool() : tool.title() + " (" + pending.tool() + ")";
    return "Approve this call? " + title + "\n"
        + "Arguments: " + Json.write(Redaction.redact(split.arguments(), sensitive)) + "\n"
        + "Requested by key " + caller.principal().keyId() + "; approval " + pending.approvalId()
        + " waits until " + pending.expiresAt() + ".\n"
        + "Approving runs it now, exactly once. Rejecting (or declining) means it never runs.";
  }

  private static String clientName(McpAsyncServerExchange exchange) {
    McpSchema.Implementation client = exchange.getClientInfo();
    return client == null || client.name() == null ? "the MCP client" : client.name();
  }

  /** A log message of the gateway's own for the call's client, from the call's thread. */
  private static void tell(CallNotifications notifications, LoggingLevel level, String text) {
    notifications.logFromCall(new McpSchema.LoggingMessageNotification(level, LOGGER, text, null));
  }

  /**
   * Progress of one call, for a client that asked for it with a progress token: the gateway's own
   * steps and whatever the tool reports, queued only while the value increases (as MCP requires;
   * dropping some when the client does not keep up leaves the rest increasing).
   */
  private static final class Progress {
    private final CallNotifications notifications;
    private final Object token;
    // The gateway's first step is 0, so a tool's own progress, which usually starts at 1, is not
    // swallowed as "not increasing" (an upstream MCP server's 1/3 would otherwise never arrive).
    private double last = -1;

    Progress(CallNotifications notifications, Object token) {
      this.notifications = notifications;
      this.token = token;
    }

    /** One of the gateway's own steps, from the call's thread. */
    void step(String message) {
      double next;
      synchronized (this) {
        next = Math.floor(last) + 1;
      }
      if (increases(next)) {
        notifications.progressFromCall(notification(next, null, message));
      }
    }

    /** What the tool reports, from whatever thread it reports on (an upstream's reader thread, say). */
    void report(double value, Double total, String message) {
      if (increases(value)) {
        notifications.progress(notification(value, total, message));
      }
    }

    private boolean increases(double value) {
      if (token == null) {
        return false;
      }
      synchronized (this) {
        if (value <= last) {
          return false;
        }
        last = value;
        return true;
      }
    }

    private McpSchema.ProgressNotification notification(double value, Double total, String message) {
      return new McpSchema.ProgressNotification(token, value, total, message, null);
    }
  }
}
