package dev.toolgate.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.chat.PlannedCall;
import dev.toolgate.ports.chat.ToolStep;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a turn paused for an approval needs to go on once the approval is decided, kept in the
 * paused turn's evidence under {@code resume} so that it survives a restart with the session (no
 * store of its own). Holds no secret: the principal's key id and grants, never the key.
 *
 * @param approvalId the approval the turn waits for
 * @param callId the planner's id of the call that waits
 * @param principal who asked, as they acted for the client
 * @param model the model that planned the turn, or null for the default
 * @param steps the turn's tool calls so far with their outcomes (the waiting one {@code approval_required})
 * @param calls how many tool calls the turn made, so a resumed turn numbers its own after them
 */
record PausedTurn(
    String approvalId, String callId, Principal principal, String model, List<ToolStep> steps, int calls) {
  static final String FIELD = "resume";

  PausedTurn {
    steps = List.copyOf(steps);
  }

  ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("approval_id", approvalId);
    node.put("call_id", callId);
    node.put("model", model);
    node.put("calls", calls);
    ObjectNode who = node.putObject("principal");
    who.put("key_id", principal.keyId());
    who.put("name", principal.name());
    who.put("client_key", principal.clientKey());
    ArrayNode roles = who.putArray("roles");
    principal.roles().forEach(role -> roles.add(role.wireName()));
    ArrayNode allow = who.putArray("allow_tools");
    principal.allowTools().forEach(allow::add);
    ArrayNode deny = who.putArray("deny_tools");
    principal.denyTools().forEach(deny::add);
    who.put("rate_limit", principal.rateLimit() == null ? null : principal.rateLimit().toString());
    ArrayNode array = node.putArray("steps");
    for (ToolStep step : steps) {
      ObjectNode entry = array.addObject();
      entry.put("call_id", step.call().id());
      entry.put("tool", step.call().tool());
      entry.set("arguments", step.call().arguments());
      entry.put("outcome", step.outcome());
      entry.set("result", step.result());
      entry.put("hop", step.hop());
    }
    return node;
  }

  /** Reads what {@link #toJson()} wrote; a malformed state is an {@link IllegalArgumentException}. */
  static PausedTurn fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the paused turn has no '" + FIELD + "' state");
    }
    JsonNode who = node.path("principal");
    Set<Role> roles = new LinkedHashSet<>();
    who.path("roles").forEach(role -> roles.add(Role.parse(role.asText())));
    String rate = who.path("rate_limit").asText(null);
    Principal principal =
        new Principal(
            who.path("key_id").asText(), who.path("name").asText(), roles, who.path("client_key").asText(null),
            strings(who.path("allow_tools")), strings(who.path("deny_tools")),
            rate == null ? null : RateLimitSpec.parse(rate));
    List<ToolStep> steps = new ArrayList<>();
    for (JsonNode entry : node.path("steps")) {
      steps.add(
          new ToolStep(
              new PlannedCall(entry.path("call_id").asText(null), entry.path("tool").asText(), entry.path("arguments")),
              entry.path("outcome").asText(), entry.path("result"), entry.path("hop").asInt()));
    }
    return new PausedTurn(
        node.path("approval_id").asText(), node.path("call_id").asText(null), principal,
        node.path("model").asText(null), steps, node.path("calls").asInt());
  }

  /** The key id of who asked, from a state {@link #toJson()} wrote, without reading the rest; empty if none. */
  static java.util.Optional<String> principalKeyId(JsonNode node) {
    JsonNode keyId = node == null ? null : node.path("principal").path("key_id");
    return keyId != null && keyId.isTextual() ? java.util.Optional.of(keyId.asText()) : java.util.Optional.empty();
  }

  /** The steps with the waiting call's outcome replaced by how it was decided. */
  List<ToolStep> decided(String outcome, JsonNode result) {
    List<ToolStep> replaced = new ArrayList<>();
    boolean found = false;
    for (ToolStep step : steps) {
      boolean waiting = !found && step.outcome().equals("approval_required")
          && java.util.Objects.equals(step.call().id(), callId);
      found |= waiting;
      replaced.add(waiting ? new ToolStep(step.call(), outcome, result, step.hop()) : step);
    }
    return replaced;
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new LinkedHashSet<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
