package dev.toolgate.ports.marketing;

import java.util.Objects;

/**
 * The event counted as a conversion (and whose value is revenue), e.g. Shopify's "Placed Order".
 *
 * @param id the upstream metric id
 * @param name the metric's name, e.g. {@code Placed Order}
 * @param integration the integration that records it (e.g. {@code shopify}, {@code api}), or null if unknown
 */
public record ConversionMetric(String id, String name, String integration) {

  public ConversionMetric {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (id.isBlank()) {
      throw new IllegalArgumentException("metric id must not be blank, got '" + id + "'");
    }
  }
}
