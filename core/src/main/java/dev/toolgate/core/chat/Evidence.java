package dev.toolgate.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.PerformanceStats;

/** The JSON pieces of an answer's evidence block. */
final class Evidence {
  private Evidence() {}

  static ObjectNode stats(PerformanceStats s) {
    ObjectNode node = Json.object();
    node.put("recipients", s.recipients());
    node.put("delivered", s.delivered());
    node.put("opens", s.opens());
    node.put("open_rate", s.openRate());
    node.put("clicks", s.clicks());
    node.put("click_rate", s.clickRate());
    node.put("conversions", s.conversions());
    node.put("revenue", s.revenue());
    return node;
  }

  /** A period with both ends inclusive, and the instants it spans in its zone (DST shows as a 23- or 25-hour day). */
  static ObjectNode range(DateRange range, String label) {
    ObjectNode node = Json.object();
    if (label != null) {
      node.put("label", label);
    }
    node.put("start", range.start().toString());
    node.put("end", range.endInclusive().toString());
    node.put("days", range.days());
    node.put("time_zone", range.zone().getId());
    node.put("from", range.startInstant().toString());
    node.put("until", range.endInstant().toString());
    return node;
  }

  /**
   * One tool call: what was asked, how the pipeline answered (outcome, cache hit and age, latency),
   * and — when it succeeded — where the data came from (source, sample flag, upstream request ids and
   * calls, notes).
   */
  static ObjectNode toolCall(String tool, JsonNode arguments, ToolOutcome outcome, long latencyMs) {
    ObjectNode node = Json.object();
    node.put("tool", tool);
    node.set("arguments", arguments.deepCopy());
    node.put("outcome", outcome.code());
    node.put("latency_ms", latencyMs);
    if (outcome.isSuccess()) {
      ToolOutcome.Succeeded s = (ToolOutcome.Succeeded) outcome;
      JsonNode result = resultOf(s);
      node.put("cache_hit", s.cacheHit());
      node.put("cache_age_ms", s.cacheAgeMs());
      JsonNode provenance = result.path("provenance");
      node.put("source", provenance.path("source").asText(null));
      node.put("sample_data", provenance.path("sample_data").asBoolean(false));
      node.put("currency", result.path("currency").asText(null));
      node.set("upstream_request_ids", provenance.path("request_ids").deepCopy());
      node.set("upstream_calls", provenance.path("calls").deepCopy());
      node.put("upstream_elapsed_ms", provenance.path("elapsed_ms").asLong());
      node.put("api_revision", provenance.path("api_revision").asText(null));
      node.put("report_time_zone", provenance.path("report_time_zone").asText(null));
      node.set("notes", provenance.path("notes").deepCopy());
    } else {
      node.put("cache_hit", false);
      node.put("message", outcome.message());
    }
    return node;
  }

  /** A successful call's JSON result: the one place this class reads it. */
  private static JsonNode resultOf(ToolOutcome.Succeeded success) {
    // A tool that returns content blocks only (an upstream MCP tool) is read in MCP's wire form.
    JsonNode structured = success.result().structured();
    return structured != null ? structured : success.result().toJson();
  }
}
