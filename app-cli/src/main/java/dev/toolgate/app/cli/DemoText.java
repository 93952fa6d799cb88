package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.ToolOutcome;
import java.time.temporal.ChronoUnit;

/** One-line descriptions of the demo's steps, for the person reading the table. */
final class DemoText {
  private DemoText() {}

  static String detail(ToolOutcome outcome) {
    if (outcome.isSuccess()) {
      ToolOutcome.Succeeded s = (ToolOutcome.Succeeded) outcome;
      String replay = s.idempotentReplay() ? " (stored outcome replayed, nothing ran)" : "";
      String cache = s.cacheHit() ? " (read cache, " + s.cacheAgeMs() + " ms old)" : "";
      return result(s.result().structured()) + replay + cache;
    } else if (outcome.kind() == ToolOutcome.Kind.APPROVAL_REQUIRED) {
      ToolOutcome.ApprovalRequired a = (ToolOutcome.ApprovalRequired) outcome;
      return "approval " + a.approvalId() + " pending until "
          + (a.expiresAt() == null ? "decided" : a.expiresAt().truncatedTo(ChronoUnit.SECONDS));
    }
    return outcome.message();
  }

  static String detail(DecisionOutcome outcome) {
    if (outcome.kind() == DecisionOutcome.Kind.APPROVED) {
      return "approved by " + outcome.approval().decidedBy() + "; ran once: "
          + detail(((DecisionOutcome.Approved) outcome).execution());
    }
    return outcome.code();
  }

  private static String result(JsonNode result) {
    if (result == null) {
      return "ok";
    } else if (result.has("customers")) {
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
