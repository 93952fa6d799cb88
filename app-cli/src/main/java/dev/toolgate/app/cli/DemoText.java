package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.ToolOutcome;
import java.time.temporal.ChronoUnit;

/** One-line descriptions of the demo's steps, for the person reading the table. */
final class DemoText {
  private DemoText() {}

  static String detail(ToolOutcome outcome) {
    if (outcome instanceof ToolOutcome.Succeeded s) {
      String replay = s.idempotentReplay() ? " (stored outcome replayed, nothing ran)" : "";
      String cache = s.cacheHit() ? " (read cache, " + s.cacheAgeMs() + " ms old)" : "";
      return result(s.result()) + replay + cache;
    } else if (outcome instanceof ToolOutcome.ApprovalRequired a) {
      return "approval " + a.approvalId() + " pending until "
          + (a.expiresAt() == null ? "decided" : a.expiresAt().truncatedTo(ChronoUnit.SECONDS));
    }
    return outcome.message();
  }

  static String detail(DecisionOutcome outcome) {
    if (outcome instanceof DecisionOutcome.Approved approved) {
      return "approved by " + approved.approval().decidedBy() + "; ran once: " + detail(approved.execution());
    }
    return outcome.code();
  }

  private static String result(JsonNode result) {
    if (result.has("customers")) {
      JsonNode first = result.path("customers").path(0);
      return result.path("count").asInt() + " customer(s)"
          + (first.isObject()
              ? ", first " + first.path("id").asText() + " " + first.path("company").asText() + " ("
                  + first.path("status").asText() + ")"
              : "");
    } else if (result.has("ticket")) {
      JsonNode ticket = result.path("ticket");
      return "ticket " + ticket.path("id").asText() + " for " + ticket.path("customer_id").asText();
    } else if (result.has("previous_status")) {
      JsonNode customer = result.path("customer");
      return customer.path("id").asText() + " status " + result.path("previous_status").asText() + " -> "
          + customer.path("status").asText();
    } else if (result.has("message")) {
      JsonNode message = result.path("message");
      return "message " + message.path("id").asText() + " posted to " + message.path("channel").asText();
    }
    return "ok";
  }
}
