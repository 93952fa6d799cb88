package dev.toolgate.core.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.toolgate.ports.ClientScopeException;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.marketing.CampaignReport;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.FlowReport;
import dev.toolgate.ports.marketing.MarketingAccount;
import dev.toolgate.ports.marketing.MarketingAnalytics;
import dev.toolgate.ports.testing.InMemoryClientProfileStore;
import dev.toolgate.ports.testing.MutableClock;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolInvocation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketingToolsetTest {
  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Schema META_SCHEMA =
      SCHEMAS.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
  private static final Instant NOW = Instant.parse("2026-11-05T14:30:00Z");

  private final InMemoryClientProfileStore clients = new InMemoryClientProfileStore();
  private MutableClock clock;
  private Map<String, Tool> tools;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(NOW);
    clients.upsert(new ClientProfile("demo", "Demo", ZoneId.of("Europe/Berlin"), Set.of(), Set.of(), null, MarketingBackend.SAMPLE));
    clients.upsert(new ClientProfile("plain", "Plain", ZoneId.of("UTC"), Set.of(), Set.of(), null));
    Map<MarketingBackend, MarketingAnalytics> backends = Map.of(MarketingBackend.SAMPLE, new SampleMarketingAnalytics(clock));
    tools =
        new MarketingToolset(new ProfileMarketingSources(clients, backends, null, null))
            .tools().stream().collect(Collectors.toMap(Tool::name, Function.identity()));
  }

  private JsonNode run(String tool, String arguments, String scopedClient) {
    return tools.get(tool).executor().execute(new ToolInvocation(Json.parse(arguments), "req-1", scopedClient, null)).structured();
  }

  @Test
  void contributesTwoReadOnlyCacheableToolsWithValidSchemas() {
    assertThat(tools.keySet()).containsExactlyInAnyOrder("campaign_performance", "flow_performance");
    for (Tool tool : tools.values()) {
      assertThat(tool.definition().category()).isEqualTo(ToolCategory.READ);
      assertThat(tool.definition().annotations().cacheable()).isTrue();
      assertThat(tool.definition().annotations().openWorld()).isTrue();
      assertThat(META_SCHEMA.validate(tool.definition().inputSchema())).isEmpty();
      assertThat(META_SCHEMA.validate(tool.definition().outputSchema())).isEmpty();
    }
  }

  @Test
  void resultsMatchTheirOutputSchemas() {
    for (String tool : tools.keySet()) {
      JsonNode result = run(tool, "{\"client_key\":\"demo\",\"start\":\"2026-10-01\",\"end\":\"2026-10-31\"}", null);
      JsonNode empty = run(tool, "{\"client_key\":\"demo\",\"start\":\"2026-11-05\",\"end\":\"2026-11-05\"}", null);

      assertThat(SCHEMAS.getSchema(tools.get(tool).definition().outputSchema()).validate(result)).as(tool).isEmpty();
      assertThat(SCHEMAS.getSchema(tools.get(tool).definition().outputSchema()).validate(empty)).as(tool).isEmpty();
      assertThat(result.get("count").asInt()).as(tool).isPositive();
    }
  }

  @Test
  void inputSchemaRefusesUnknownFieldsAndBadDates() {
    Schema input = SCHEMAS.getSchema(tools.get("campaign_performance").definition().inputSchema());

    assertThat(input.validate(Json.parse("{\"start\":\"2026-10-01\",\"end\":\"2026-10-31\"}"))).isEmpty();
    assertThat(input.validate(Json.parse("{\"start\":\"2026-10-01\"}"))).isNotEmpty();
    assertThat(input.validate(Json.parse("{\"start\":\"yesterday\",\"end\":\"2026-10-31\"}"))).isNotEmpty();
    assertThat(input.validate(Json.parse("{\"start\":\"2026-10-01\",\"end\":\"2026-10-31\",\"api_key\":\"x\"}"))).isNotEmpty();
  }

  @Test
  void reportsTheSampleRangeInTheClientsZoneAndSaysItIsSampleData() {
    JsonNode result = run("campaign_performance", "{\"client_key\":\"demo\",\"start\":\"2026-10-26\",\"end\":\"2026-11-01\"}", null);

    assertThat(result.at("/range/time_zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(result.at("/range/days").asInt()).isEqualTo(7);
    assertThat(result.at("/provenance/source").asText()).isEqualTo("sample");
    assertThat(result.at("/provenance/sample_data").asBoolean()).isTrue();
    assertThat(result.get("currency").asText()).isEqualTo("USD");
  }

  @Test
  void jsonReadsBackToEqualReports() {
    SampleMarketingAnalytics sample = new SampleMarketingAnalytics(clock);
    DateRange october = DateRange.ofInclusive(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31"), ZoneId.of("Asia/Tokyo"));
    MarketingAccount demo = new MarketingAccount("demo", "sample");
    CampaignReport campaigns = sample.campaignPerformance(demo, october);
    FlowReport flows = sample.flowPerformance(demo, october);

    // Through text, as the SQLite cache stores results.
    assertThat(MarketingJson.campaignReport(Json.parse(Json.write(MarketingJson.campaignReport(campaigns))))).isEqualTo(campaigns);
    assertThat(MarketingJson.flowReport(Json.parse(Json.write(MarketingJson.flowReport(flows))))).isEqualTo(flows);
  }

  @Test
  void refusesWhatTheSchemaCannotCatch() {
    assertThatThrownBy(() -> run("campaign_performance", "{\"client_key\":\"demo\",\"start\":\"2026-02-30\",\"end\":\"2026-03-01\"}", null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("2026-02-30");
    assertThatThrownBy(() -> run("campaign_performance", "{\"client_key\":\"demo\",\"start\":\"2026-03-02\",\"end\":\"2026-03-01\"}", null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("before");
    assertThatThrownBy(() -> run("campaign_performance", "{\"client_key\":\"demo\",\"start\":\"2025-01-01\",\"end\":\"2026-03-01\"}", null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 366");
    assertThatThrownBy(() -> run("campaign_performance", "{\"start\":\"2026-03-01\",\"end\":\"2026-03-01\"}", null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("client_key");
  }

  @Test
  void aClientScopedCallerReadsOnlyItsOwnClient() {
    JsonNode own = run("flow_performance", "{\"start\":\"2026-10-01\",\"end\":\"2026-10-02\"}", "demo");

    assertThat(own.get("client_key").asText()).isEqualTo("demo");
    assertThatThrownBy(() -> run("flow_performance", "{\"client_key\":\"plain\",\"start\":\"2026-10-01\",\"end\":\"2026-10-02\"}", "demo"))
        .isInstanceOf(ClientScopeException.class).hasMessageContaining("scoped to client 'demo'");
  }

  @Test
  void namesTheProblemOfClientsThatCannotBeRead() {
    assertThatThrownBy(() -> run("campaign_performance", "{\"client_key\":\"nobody\",\"start\":\"2026-10-01\",\"end\":\"2026-10-02\"}", null))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody");
    assertThatThrownBy(() -> run("campaign_performance", "{\"client_key\":\"plain\",\"start\":\"2026-10-01\",\"end\":\"2026-10-02\"}", null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no marketing account");
    clients.upsert(new ClientProfile("acme", "Acme", ZoneId.of("UTC"), Set.of(), Set.of(), null, MarketingBackend.KLAVIYO));
    assertThatThrownBy(() -> run("campaign_performance", "{\"client_key\":\"acme\",\"start\":\"2026-10-01\",\"end\":\"2026-10-02\"}", null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not set up with");
  }
}
