package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.llm.LlmAdapterModule;
import dev.toolgate.adapter.llm.LlmConfig;
import dev.toolgate.adapter.llm.LlmPrice;
import dev.toolgate.ports.Json;
import java.util.Optional;

/**
 * The JSON of the configured models, as {@code GET /models} and {@code toolgate models} show it:
 * provider, model, protocol, whether it is the default, and its price per million tokens. Never a key:
 * only whether one is set.
 */
public final class ModelViews {
  private ModelViews() {}

  /** {@code {"planner": "model"|"rule_based", "models": [...]}}, the default model first. */
  public static ObjectNode models(LlmSettings llm) {
    ObjectNode body = Json.object();
    body.put("planner", llm.enabled() ? "model" : "rule_based");
    body.put("streaming", llm.enabled() && llm.streaming());
    ArrayNode models = body.putArray("models");
    boolean first = true;
    for (LlmConfig provider : llm.providers()) {
      ObjectNode model = models.addObject();
      model.put("name", provider.name() + "/" + provider.defaultModel());
      model.put("provider", provider.name());
      model.put("model", provider.defaultModel());
      model.put("kind", provider.kind().configName());
      model.put("default", first);
      model.put("api_key_set", provider.hasApiKey());
      // Offered only to clients that stored their own key for the provider (api_key: "client").
      model.put("client_key_required", provider.clientKeysOnly() && !provider.hasApiKey());
      Optional<LlmPrice> price = LlmAdapterModule.price(provider, provider.defaultModel());
      if (price.isPresent()) {
        ObjectNode node = model.putObject("price");
        node.put("currency", "USD");
        node.put("input_per_million", price.get().inputPerMillion());
        node.put("output_per_million", price.get().outputPerMillion());
        node.put("as_of", price.get().asOf().toString());
        node.put("source", price.get().source());
      } else {
        // Unpriced (a local server, a model not in the table): its replies are counted without a cost.
        model.putNull("price");
      }
      first = false;
    }
    return body;
  }
}
