package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a workflow: runs its steps (each with the step key {@code {call key}:{step}}),
 * remembers what finished and what can be undone, and turns a failure into a precise report. A
 * workflow never ends half done without saying so: either it compensates (undoes the steps that have
 * an undo, newest first) or the error lists the steps that ran and how to resume.
 */
final class WorkflowRun {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowRun.class);

  /** An undo of a finished step, e.g. deleting the uploaded file. */
  private record Undo(String label, WorkerCall call) {}

  private final String workflow;
  private final String callKey;
  private final String requestId;
  private final List<String> plan;
  private final WorkerClient client;
  private final Executor parallel;
  private final List<String> completed = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Undo> undos = new ArrayDeque<>();

  /**
   * @param callKey the call's effect key (derived from the caller's idempotency key), or null (then
   *     writes are not retried and the run cannot be resumed)
   * @param plan every step in order, to report which did not run
   */
  WorkflowRun(String workflow, String callKey, String requestId, List<String> plan, WorkerClient client,
      Executor parallel) {
    this.workflow = workflow;
    this.callKey = callKey;
    this.requestId = requestId;
    this.plan = List.copyOf(plan);
    this.client = client;
    this.parallel = parallel;
  }

  /** The step key of a step, or null without a call key. */
  String key(String step) {
    return callKey == null ? null : callKey + ":" + step;
  }

  /** Calls a service as step {@code step}; a failure is thrown as is for {@link #fail} to report. */
  JsonNode call(String step, Service service, String method, String path, JsonNode body, boolean safeToRepeat) {
    JsonNode answer = client.send(new WorkerCall(service, method, path, body, key(step), safeToRepeat), requestId);
    completed.add(step);
    return answer;
  }

  /** A database-worker write as step {@code step}, which must come back {@code validated: true}. */
  JsonNode write(String step, String path, JsonNode body) {
    JsonNode answer = client.send(new WorkerCall(Service.DATABASE, "POST", path, body, key(step), false), requestId);
    Validated.require(workflow + " step '" + step + "' (" + path + ")", answer);
    completed.add(step);
    return answer;
  }

  /** Registers the undo of a finished step; undos run newest first. */
  void onUndo(String label, WorkerCall call) {
    undos.push(new Undo(label, call));
  }

  /** Both steps at once; returns both answers, or fails with whichever failed (both are reported). */
  Pair both(String first, Supplier<JsonNode> a, String second, Supplier<JsonNode> b) {
    CompletableFuture<JsonNode> fa = CompletableFuture.supplyAsync(a, parallel);
    CompletableFuture<JsonNode> fb = CompletableFuture.supplyAsync(b, parallel);
    return new Pair(first, outcome(fa), second, outcome(fb));
  }

  /** Two parallel outcomes; each is the answer or the failure. */
  record Pair(String firstStep, Object a, String secondStep, Object b) {
    boolean ok() {
      return a instanceof JsonNode && b instanceof JsonNode;
    }

    JsonNode firstAnswer() {
      return (JsonNode) a;
    }

    JsonNode secondAnswer() {
      return (JsonNode) b;
    }
  }

  private static Object outcome(CompletableFuture<JsonNode> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new UnavailableException("interrupted while waiting for a parallel step", e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return cause instanceof PortException p ? p : new PortException("step failed: " + cause, cause);
    }
  }

  /**
   * The exception to throw for a failed step. A refusal (4xx, validation) of the very first step is
   * thrown as is: nothing ran, nothing to report. Otherwise, when {@code compensate}, runs the undos; the details
   * say what ran, what failed, what did not run, what was undone and how to resume.
   */
  PortException fail(String step, PortException cause, boolean compensate) {
    if (completed.isEmpty() && !cause.retryable()) {
      return cause;
    }
    ObjectNode details = Json.object();
    details.put("workflow", workflow);
    // The call's effect key (a digest of the caller's key, scoped to them), not the key they sent: named
    // so that a caller never takes it for their own.
    details.put("effect_key", callKey);
    ArrayNode done = details.putArray("completed");
    List<String> finished = List.copyOf(completed);
    finished.forEach(done::add);
    ObjectNode failed = details.putObject("failed");
    failed.put("step", step);
    failed.put("error", cause.getMessage());
    if (cause.details() != null) {
      failed.set("details", cause.details());
    }
    ArrayNode notRun = details.putArray("not_run");
    plan.stream().filter(s -> !finished.contains(s) && !s.equals(step)).forEach(notRun::add);
    ArrayNode undone = details.putArray("compensated");
    ArrayNode undoFailed = details.putArray("compensation_failed");
    if (compensate) {
      while (!undos.isEmpty()) {
        Undo undo = undos.pop();
        try {
          JsonNode answer = client.send(undo.call(), requestId);
          if (undo.call().service() == Service.DATABASE) {
            Validated.require("compensation '" + undo.label() + "'", answer);
          }
          undone.add(undo.label());
        } catch (PortException e) {
          LOG.warn("{}: compensation '{}' failed (request {}): {}", workflow, undo.label(), requestId, e.getMessage());
          undoFailed.add(undo.label() + ": " + e.getMessage());
        }
      }
    }
    String resume = resumeHint(step, compensate, undoFailed.isEmpty());
    details.put("resume", resume);
    LOG.warn("{} failed at step '{}' after {} (request {}): {}", workflow, step, finished, requestId, cause.getMessage());
    String message = workflow + " failed at step '" + step + "': " + cause.getMessage() + ". Completed: " + finished
        + (compensate ? "; compensated: " + undone : "") + ". " + resume;
    return WorkflowFailure.of(message, cause, details);
  }

  private String resumeHint(String step, boolean compensated, boolean undoneCleanly) {
    if (compensated && !undoneCleanly) {
      return "Some compensations failed (see compensation_failed): fix them by hand before calling again.";
    }
    if (compensated) {
      // With keys, the old step keys would replay the undone steps (a deleted invoice, a deleted file).
      return "Nothing is left half done (the finished steps that have an undo were undone); fix the cause and"
          + " call again" + (callKey == null ? "." : " with a new idempotency key.");
    }
    if (callKey == null) {
      return "No idempotency key was sent, so the call cannot be resumed safely; check the state with"
          + " get_facture_by_id before doing anything else.";
    }
    return "Call again with the same idempotency key: the completed steps replay from the"
        + " workers and only '" + step + "' and what follows run.";
  }
}
