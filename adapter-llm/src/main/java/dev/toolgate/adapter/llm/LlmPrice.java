package dev.toolgate.adapter.llm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A model's list price as the adapter charges it, from the shipped table or the override file.
 *
 * @param provider the price row's provider (the configured name, or the vendor whose list applies)
 * @param model the priced model
 * @param inputPerMillion USD per million input tokens
 * @param outputPerMillion USD per million output tokens
 * @param asOf when the price was read
 * @param source where it was read
 */
public record LlmPrice(
    String provider, String model, BigDecimal inputPerMillion, BigDecimal outputPerMillion, LocalDate asOf,
    String source) {
  public LlmPrice {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(inputPerMillion, "inputPerMillion");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(source, "source");
  }
}
