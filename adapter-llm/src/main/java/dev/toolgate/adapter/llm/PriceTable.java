package dev.toolgate.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * List prices per provider and model, in USD per million tokens: the shipped {@code prices.json}
 * (dated, with a source per row), with rows from an optional override file replacing or adding to
 * them. A model without a row has no cost (null), never a guessed one.
 */
final class PriceTable {
  private static final String SHIPPED = "prices.json";
  /** A snapshot date at the end of a model name: {@code -2026-11-17} or {@code -20261117}. */
  private static final Pattern SNAPSHOT_DATE = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** One row. */
  record Price(String provider, String model, BigDecimal inputPerMillion, BigDecimal outputPerMillion,
      LocalDate asOf, String source) {}

  private final Map<String, Price> rows;

  private PriceTable(Map<String, Price> rows) {
    this.rows = Map.copyOf(rows);
  }

  /** The shipped prices, overridden by {@code overrides} when it is not null. */
  static PriceTable load(Path overrides) {
    Map<String, Price> rows = new LinkedHashMap<>();
    try (InputStream in = PriceTable.class.getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException("the shipped price table " + SHIPPED + " is missing from the jar");
      }
      read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "shipped " + SHIPPED, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped price table " + SHIPPED, e);
    }
    if (overrides != null) {
      String text;
      try {
        text = Files.readString(overrides);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the price file " + overrides + ": " + e.getMessage(), e);
      }
      read(text, "price file " + overrides, rows);
    }
    return new PriceTable(rows);
  }

  private static void read(String text, String origin, Map<String, Price> rows) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + " is not JSON: " + e.getMessage(), e);
    }
    JsonNode prices = root.path("prices");
    if (!prices.isArray()) {
      throw new IllegalArgumentException(origin + " must hold a \"prices\" array");
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < prices.size(); i++) {
      JsonNode row = prices.get(i);
      String at = origin + " prices[" + i + "]";
      String provider = row.path("provider").asText("");
      String model = row.path("model").asText("");
      BigDecimal input = row.path("input_per_million").decimalValue();
      BigDecimal output = row.path("output_per_million").decimalValue();
      if (provider.isBlank() || model.isBlank()) {
        problems.add(at + ": provider and model are required");
        continue;
      }
      if (!row.path("input_per_million").isNumber() || input.signum() < 0
          || !row.path("output_per_million").isNumber() || output.signum() < 0) {
        problems.add(at + " (" + provider + "/" + model + "): input_per_million and output_per_million must be"
            + " numbers >= 0, got " + row.path("input_per_million") + " and " + row.path("output_per_million"));
        continue;
      }
      LocalDate asOf;
      try {
        asOf = LocalDate.parse(row.path("as_of").asText(""));
      } catch (DateTimeParseException e) {
        problems.add(at + " (" + provider + "/" + model + "): as_of must be a date (YYYY-MM-DD), got "
            + row.path("as_of"));
        continue;
      }
      rows.put(key(provider, model), new Price(provider, model, input, output, asOf, row.path("source").asText("")));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /**
   * The price of {@code model} under {@code provider}, else under {@code vendor} (Groq serving an
   * OpenAI model name is billed like OpenAI only if Groq has no row). A dated snapshot the provider
   * reports ({@code gpt-6-luna-2026-11-17}) falls back to its undated row.
   */
  Optional<Price> find(String provider, String vendor, String model) {
    String undated = SNAPSHOT_DATE.matcher(model).replaceFirst("");
    for (String owner : new String[] {provider, vendor}) {
      for (String name : new String[] {model, undated}) {
        Price price = rows.get(key(owner, name));
        if (price != null) {
          return Optional.of(price);
        }
      }
    }
    return Optional.empty();
  }

  /** The cost of the tokens at this price, to the micro-dollar. */
  static BigDecimal cost(Price price, long inputTokens, long outputTokens) {
    return price.inputPerMillion().multiply(BigDecimal.valueOf(inputTokens))
        .add(price.outputPerMillion().multiply(BigDecimal.valueOf(outputTokens)))
        .divide(MILLION, 6, RoundingMode.HALF_UP);
  }

  Collection<Price> all() {
    return rows.values();
  }

  private static String key(String provider, String model) {
    return provider + "\u0000" + model;
  }
}
