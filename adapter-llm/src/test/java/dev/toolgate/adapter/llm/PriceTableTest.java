package dev.toolgate.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

  @Test
  void shippedRowsAreDatedAndSourced() {
    PriceTable table = PriceTable.load(null);
    assertThat(table.all()).hasSizeGreaterThanOrEqualTo(13).allSatisfy(price -> {
      assertThat(price.asOf()).isEqualTo(LocalDate.of(2026, 12, 7));
      assertThat(price.source()).isNotBlank();
    });
    PriceTable.Price sol = table.find("openai", "openai", "gpt-6.2-sol").orElseThrow();
    assertThat(sol.inputPerMillion()).isEqualByComparingTo("2.00");
    assertThat(sol.outputPerMillion()).isEqualByComparingTo("10.00");
  }

  @Test
  void datedSnapshotFallsBackToItsModelButNotAVariant() {
    PriceTable table = PriceTable.load(null);
    assertThat(table.find("openai", "openai", "gpt-6-luna-2026-11-17")).isPresent();
    assertThat(table.find("anthropic", "anthropic", "claude-haiku-5-5-20261001")).isPresent();
    assertThat(table.find("openai", "openai", "gpt-6-luna-mini")).isEmpty();
    assertThat(table.find("groq", "openai", "llama-3.1-70b-versatile")).isEmpty();
  }

  @Test
  void costIsPerMillionToTheMicroDollar() {
    PriceTable.Price luna = PriceTable.load(null).find("openai", "openai", "gpt-6-luna").orElseThrow();
    assertThat(PriceTable.cost(luna, 4318, 19)).isEqualByComparingTo(new BigDecimal("0.000441"));
    assertThat(PriceTable.cost(luna, 1_000_000, 1_000_000)).isEqualByComparingTo(new BigDecimal("0.60"));
  }

  @Test
  void overrideFileReplacesAndAddsRows(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, """
        {"prices":[
          {"provider":"openai","model":"gpt-6-luna","input_per_million":0.2,"output_per_million":1,"as_of":"2027-01-02","source":"contract"},
          {"provider":"groq","model":"llama-3.1-70b-versatile","input_per_million":0.59,"output_per_million":0.79,"as_of":"2027-01-02","source":"groq"}
        ]}""");
    PriceTable table = PriceTable.load(file);
    assertThat(table.find("openai", "openai", "gpt-6-luna").orElseThrow().inputPerMillion()).isEqualByComparingTo("0.2");
    assertThat(table.find("groq", "openai", "llama-3.1-70b-versatile")).isPresent();
    assertThat(table.find("openai", "openai", "gpt-6.2-sol")).as("shipped rows stay").isPresent();
  }

  @Test
  void badOverrideRowsAreNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, """
        {"prices":[{"provider":"openai","model":"m","input_per_million":"cheap","output_per_million":1,"as_of":"2027-01-02"},
                   {"provider":"openai","model":"n","input_per_million":1,"output_per_million":1,"as_of":"soon"}]}""");
    assertThatThrownBy(() -> PriceTable.load(file))
        .hasMessageContaining("prices[0] (openai/m): input_per_million and output_per_million must be numbers")
        .hasMessageContaining("prices[1] (openai/n): as_of must be a date");
    assertThatThrownBy(() -> PriceTable.load(dir.resolve("missing.json"))).hasMessageContaining("cannot read the price file");
  }
}
