package dev.toolgate.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.support.Customer;
import dev.toolgate.ports.support.CustomerStatus;
import dev.toolgate.ports.support.Incident;
import dev.toolgate.ports.support.IncidentImpact;
import dev.toolgate.ports.support.Message;
import dev.toolgate.ports.support.Ticket;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.testing.InMemorySupportDesk;
import dev.toolgate.ports.testing.MutableClock;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolInvocation;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SupportToolsetTest {
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Schema META_SCHEMA =
      SCHEMAS.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  /** One valid arguments object per tool, so every rejection test also shows what is accepted. */
  private static final Map<String, String> VALID_ARGUMENTS =
      Map.of(
          "search_customer", "{\"query\":\"acme\",\"limit\":5}",
          "create_ticket",
              "{\"customer_id\":\"c-1\",\"subject\":\"Cannot log in\",\"description\":\"since 9am\",\"priority\":\"high\"}",
          "update_customer_status",
              "{\"customer_id\":\"c-1\",\"status\":\"at_risk\",\"reason\":\"three outages this month\"}",
          "send_message", "{\"channel\":\"#support\",\"text\":\"Looking into it\"}",
          "get_incident_impact", "{\"incident_id\":\"inc-1\"}");

  private MutableClock clock;
  private InMemorySupportDesk desk;
  private Map<String, Tool> tools;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.parse("2026-03-02T09:15:30Z"));
    desk = InMemorySupportDesk.withDemoData(clock);
    tools =
        new SupportToolset(desk)
            .tools().stream().collect(Collectors.toMap(Tool::name, Function.identity()));
  }

  // --- definitions ---

  @Test
  void providerIsNamedSupportAndContributesTheFiveSeedTools() {
    SupportToolset toolset = new SupportToolset(desk);

    assertThat(toolset.name()).isEqualTo("support");
    assertThat(toolset.tools())
        .extracting(Tool::name)
        .containsExactly(
            "search_customer",
            "create_ticket",
            "update_customer_status",
            "send_message",
            "get_incident_impact");
  }

  @Test
  void toolsRunInlineExactlyWhenTheDeskIsInProcess() {
    assertThat(new SupportToolset(desk).tools()).allMatch(tool -> tool.executor().inline());
    // The same desk, answering as a remote one would (Firestore): not in-process.
    SupportDesk remote =
        (SupportDesk) Proxy.newProxyInstance(
            SupportDesk.class.getClassLoader(), new Class<?>[] {SupportDesk.class},
            (proxy, method, args) -> method.getName().equals("inProcess") ? false : method.invoke(desk, args));
    assertThat(new SupportToolset(remote).tools()).noneMatch(tool -> tool.executor().inline());
  }

  @Test
  void readToolsAreReadOnlyIdempotentAndCacheable() {
    for (String name : List.of("search_customer", "get_incident_impact")) {
      ToolDefinition definition = tools.get(name).definition();
      assertThat(definition.category()).as(name).isEqualTo(ToolCategory.READ);
      assertThat(definition.annotations().readOnly()).as(name).isTrue();
      assertThat(definition.annotations().idempotent()).as(name).isTrue();
      assertThat(definition.annotations().cacheable()).as(name).isTrue();
      assertThat(definition.annotations().requiresApproval()).as(name).isFalse();
    }
  }

  @Test
  void writeToolsHaveSideEffectsAndAreNeitherCacheableNorDestructive() {
    for (String name : List.of("create_ticket", "update_customer_status", "send_message")) {
      ToolDefinition definition = tools.get(name).definition();
      assertThat(definition.category()).as(name).isEqualTo(ToolCategory.WRITE);
      assertThat(definition.annotations().hasSideEffects()).as(name).isTrue();
      assertThat(definition.annotations().cacheable()).as(name).isFalse();
      assertThat(definition.annotations().destructive()).as(name).isFalse();
      assertThat(definition.annotations().idempotent()).as(name).isFalse();
    }
  }

  @Test
  void onlyTheStatusChangeRequiresApproval() {
    assertThat(tools.values())
        .filteredOn(tool -> tool.definition().annotations().requiresApproval())
        .extracting(Tool::name)
        .containsExactly("update_customer_status");
  }

  @Test
  void onlySendMessageReachesOutsideTheGateway() {
    assertThat(tools.values())
        .filteredOn(tool -> tool.definition().annotations().openWorld())
        .extracting(Tool::name)
        .containsExactly("send_message");
  }

  @Test
  void everyToolHasATitleAndADescriptionForAgents() {
    for (Tool tool : tools.values()) {
      assertThat(tool.definition().title()).as(tool.name()).isNotBlank();
      assertThat(tool.definition().description()).as(tool.name()).hasSizeGreaterThan(60);
    }
  }

  @Test
  void everySchemaIsAValidDraft202012Schema() {
    for (Tool tool : tools.values()) {
      for (JsonNode schema : List.of(tool.definition().inputSchema(), tool.definition().outputSchema())) {
        assertThat(schema.path("$schema").asText())
            .as(tool.name())
            .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(META_SCHEMA.validate(schema)).as(tool.name()).isEmpty();
      }
    }
  }

  @Test
  void metaSchemaCheckRejectsAMalformedSchema() {
    JsonNode broken = Json.parse("{\"type\":\"object\",\"additionalProperties\":\"no\",\"required\":\"query\"}");

    assertThat(META_SCHEMA.validate(broken)).isNotEmpty();
  }

  @Test
  void everyInputSchemaIsAClosedObjectWhosePropertiesAreDescribed() {
    for (Tool tool : tools.values()) {
      JsonNode schema = tool.definition().inputSchema();
      assertThat(schema.path("type").asText()).as(tool.name()).isEqualTo("object");
      assertThat(schema.path("additionalProperties").isBoolean()
              && !schema.path("additionalProperties").booleanValue())
          .as(tool.name() + " additionalProperties")
          .isTrue();
      List<String> properties = new ArrayList<>();
      schema.path("properties").fieldNames().forEachRemaining(properties::add);
      assertThat(properties).as(tool.name()).isNotEmpty();
      for (String property : properties) {
        assertThat(schema.path("properties").path(property).path("description").asText())
            .as(tool.name() + "." + property)
            .isNotBlank();
      }
      assertThat(strings(schema.path("required"))).as(tool.name()).isNotEmpty().isSubsetOf(properties);
    }
  }

  @Test
  void everyInputSchemaAcceptsItsExampleAndRejectsAnAdditionalProperty() {
    assertThat(VALID_ARGUMENTS.keySet()).isEqualTo(tools.keySet());
    for (Tool tool : tools.values()) {
      ObjectNode arguments = (ObjectNode) Json.parse(VALID_ARGUMENTS.get(tool.name()));
      assertThat(inputErrors(tool.name(), arguments)).as(tool.name()).isEmpty();

      arguments.put("confirm", true);
      assertThat(inputErrors(tool.name(), arguments)).as(tool.name()).isNotEmpty();
    }
  }

  @Test
  void everyInputSchemaRejectsAMissingRequiredArgument() {
    for (Tool tool : tools.values()) {
      for (String required : strings(tool.definition().inputSchema().path("required"))) {
        ObjectNode arguments = (ObjectNode) Json.parse(VALID_ARGUMENTS.get(tool.name()));
        arguments.remove(required);
        assertThat(inputErrors(tool.name(), arguments)).as(tool.name() + " without " + required).isNotEmpty();
      }
    }
  }

  @Test
  void inputSchemasRejectValuesOutsideTheirEnums() {
    assertThat(inputErrors("create_ticket", "{\"customer_id\":\"c-1\",\"subject\":\"x\",\"priority\":\"critical\"}"))
        .isNotEmpty();
    assertThat(inputErrors("update_customer_status", "{\"customer_id\":\"c-1\",\"status\":\"deleted\"}"))
        .isNotEmpty();
    assertThat(inputErrors("update_customer_status", "{\"customer_id\":\"c-1\",\"status\":\"AT_RISK\"}"))
        .isNotEmpty();
  }

  @Test
  void enumsInSchemasListExactlyTheDomainWireNames() {
    assertThat(strings(tools.get("update_customer_status").definition().inputSchema().at("/properties/status/enum")))
        .containsExactly(Arrays.stream(CustomerStatus.values()).map(CustomerStatus::wireName).toArray(String[]::new));
    assertThat(strings(tools.get("create_ticket").definition().inputSchema().at("/properties/priority/enum")))
        .containsExactly("low", "normal", "high", "urgent");
  }

  @Test
  void searchCustomerSchemaBoundsQueryAndLimit() {
    assertThat(inputErrors("search_customer", "{\"query\":\"\"}")).isNotEmpty();
    assertThat(inputErrors("search_customer", "{\"query\":\"   \"}")).isNotEmpty();
    assertThat(inputErrors("search_customer", "{\"query\":\"" + "a".repeat(201) + "\"}")).isNotEmpty();
    assertThat(inputErrors("search_customer", "{\"query\":\"" + "a".repeat(200) + "\"}")).isEmpty();
    assertThat(inputErrors("search_customer", "{\"query\":\"a\",\"limit\":0}")).isNotEmpty();
    assertThat(inputErrors("search_customer", "{\"query\":\"a\",\"limit\":51}")).isNotEmpty();
    assertThat(inputErrors("search_customer", "{\"query\":\"a\",\"limit\":2.5}")).isNotEmpty();
    assertThat(inputErrors("search_customer", "{\"query\":\"a\",\"limit\":50}")).isEmpty();
  }

  @Test
  void createTicketSchemaBoundsSubjectAndDescription() {
    assertThat(inputErrors("create_ticket", "{\"customer_id\":\"c-1\",\"subject\":\" \"}")).isNotEmpty();
    assertThat(inputErrors("create_ticket", "{\"customer_id\":\"c-1\",\"subject\":\"" + "s".repeat(201) + "\"}"))
        .isNotEmpty();
    assertThat(inputErrors("create_ticket", "{\"customer_id\":\"c-1\",\"subject\":\"s\",\"description\":\"" + "d".repeat(5001) + "\"}"))
        .isNotEmpty();
    assertThat(inputErrors("create_ticket", "{\"customer_id\":\"c-1\",\"subject\":\"s\",\"description\":\"" + "d".repeat(5000) + "\"}"))
        .isEmpty();
  }

  @Test
  void sendMessageSchemaAcceptsOnlyChannelNames() {
    for (String channel : List.of("support", "#support", "ops-alerts_2")) {
      assertThat(inputErrors("send_message", "{\"channel\":\"" + channel + "\",\"text\":\"hi\"}")).as(channel).isEmpty();
    }
    for (String channel : List.of("", "#", "Support", "##support", "sup port", "a".repeat(81))) {
      assertThat(inputErrors("send_message", "{\"channel\":\"" + channel + "\",\"text\":\"hi\"}")).as(channel).isNotEmpty();
    }
    assertThat(inputErrors("send_message", "{\"channel\":\"support\",\"text\":\"" + "t".repeat(4001) + "\"}")).isNotEmpty();
    assertThat(inputErrors("send_message", "{\"channel\":\"support\",\"text\":\"\"}")).isNotEmpty();
  }

  // --- search_customer ---

  @Test
  void searchCustomerReturnsWhatTheDeskFindsInWireForm() {
    Customer sample = someCustomer();
    List<Customer> expected = desk.searchCustomers(sample.company(), 10);

    JsonNode result = execute("search_customer", "{\"query\":\"" + sample.company() + "\",\"limit\":10}");

    assertThat(result.path("count").asInt()).isEqualTo(expected.size()).isPositive();
    assertThat(result.path("customers")).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(result.path("customers").get(i)).isEqualTo(customerJson(expected.get(i)));
    }
    assertMatchesOutputSchema("search_customer", result);
  }

  @Test
  void searchCustomerHonoursTheLimit() {
    JsonNode result = execute("search_customer", "{\"query\":\"@\",\"limit\":1}");

    assertThat(result.path("count").asInt()).isEqualTo(1);
    assertThat(result.path("customers")).hasSize(1);
    assertMatchesOutputSchema("search_customer", result);
  }

  @Test
  void searchCustomerAppliesTheSchemaDefaultLimitWhenNoneIsGiven() {
    int schemaDefault =
        tools.get("search_customer").definition().inputSchema().at("/properties/limit/default").asInt();
    InMemorySupportDesk crowded = new InMemorySupportDesk(clock);
    for (int i = 1; i <= schemaDefault + 5; i++) {
      String id = String.format("cus_%03d", i);
      crowded.addCustomer(new Customer(id, "Name " + i, id + "@crowd.example", "Crowd Inc", "starter", CustomerStatus.ACTIVE));
    }
    Tool search =
        new SupportToolset(crowded).tools().stream()
            .filter(tool -> tool.name().equals("search_customer"))
            .findFirst()
            .orElseThrow();

    JsonNode result =
        search.executor().execute(new ToolInvocation(Json.parse("{\"query\":\"crowd\"}"), "req-test", null, null)).structured();

    assertThat(schemaDefault).isEqualTo(SearchCustomerTool.DEFAULT_LIMIT);
    assertThat(result.path("count").asInt()).isEqualTo(schemaDefault);
    assertThat(result.path("customers")).hasSize(schemaDefault);
  }

  @Test
  void searchCustomerWithNoMatchReturnsAnEmptyList() {
    JsonNode result = execute("search_customer", "{\"query\":\"no-such-customer-zzz\"}");

    assertThat(result.path("customers").isArray()).isTrue();
    assertThat(result.path("customers")).isEmpty();
    assertThat(result.path("count").asInt()).isZero();
    assertMatchesOutputSchema("search_customer", result);
  }

  // --- create_ticket ---

  @Test
  void createTicketOpensTheTicketWithEveryFieldGiven() {
    Customer customer = someCustomer();

    JsonNode result =
        execute(
            "create_ticket",
            "{\"customer_id\":\"" + customer.id() + "\",\"subject\":\"Checkout fails\","
                + "\"description\":\"HTTP 500 on pay\",\"priority\":\"urgent\"}");

    JsonNode ticket = result.path("ticket");
    assertThat(ticket.path("customer_id").asText()).isEqualTo(customer.id());
    assertThat(ticket.path("subject").asText()).isEqualTo("Checkout fails");
    assertThat(ticket.path("description").asText()).isEqualTo("HTTP 500 on pay");
    assertThat(ticket.path("priority").asText()).isEqualTo("urgent");
    assertThat(ticket.path("status").asText()).isEqualTo("open");
    assertThat(ticket.path("created_at").asText()).isEqualTo(clock.instant().toString());
    List<Ticket> stored = desk.listTickets(customer.id(), 50);
    assertThat(stored).extracting(Ticket::id).contains(ticket.path("id").asText());
    assertMatchesOutputSchema("create_ticket", result);
  }

  @Test
  void createTicketAppliesTheSchemaDefaultsForDescriptionAndPriority() {
    Customer customer = someCustomer();
    JsonNode schema = tools.get("create_ticket").definition().inputSchema();

    JsonNode ticket =
        execute("create_ticket", "{\"customer_id\":\"" + customer.id() + "\",\"subject\":\"Slow dashboard\"}")
            .path("ticket");

    assertThat(ticket.path("description").asText())
        .isEqualTo(schema.at("/properties/description/default").asText())
        .isEmpty();
    assertThat(ticket.path("priority").asText())
        .isEqualTo(schema.at("/properties/priority/default").asText())
        .isEqualTo("normal");
  }

  @Test
  void createTicketForAnUnknownCustomerThrowsNotFound() {
    assertThatThrownBy(() -> execute("create_ticket", "{\"customer_id\":\"nobody-42\",\"subject\":\"Hello\"}"))
        .isInstanceOf(NotFoundException.class);
    assertThat(desk.listTickets(null, 1000)).noneMatch(ticket -> ticket.customerId().equals("nobody-42"));
  }

  // --- update_customer_status ---

  @Test
  void updateCustomerStatusChangesTheStatusAndReportsThePreviousOne() {
    Customer customer = someCustomer();
    CustomerStatus target = anotherStatusThan(customer.status());

    JsonNode result =
        execute(
            "update_customer_status",
            "{\"customer_id\":\"" + customer.id() + "\",\"status\":\"" + target.wireName() + "\",\"reason\":\"test\"}");

    assertThat(result.path("previous_status").asText()).isEqualTo(customer.status().wireName());
    assertThat(result.path("customer")).isEqualTo(customerJson(customer.withStatus(target)));
    assertThat(desk.findCustomer(customer.id())).contains(customer.withStatus(target));
    assertMatchesOutputSchema("update_customer_status", result);
  }

  @Test
  void updateCustomerStatusToTheSameStatusReportsItAsPrevious() {
    Customer customer = someCustomer();

    JsonNode result =
        execute(
            "update_customer_status",
            "{\"customer_id\":\"" + customer.id() + "\",\"status\":\"" + customer.status().wireName() + "\"}");

    assertThat(result.path("previous_status").asText()).isEqualTo(customer.status().wireName());
    assertThat(result.path("customer").path("status").asText()).isEqualTo(customer.status().wireName());
  }

  @Test
  void updateCustomerStatusForAnUnknownCustomerThrowsNotFoundNamingIt() {
    assertThatThrownBy(
            () -> execute("update_customer_status", "{\"customer_id\":\"nobody-42\",\"status\":\"churned\"}"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nobody-42");
  }

  // --- send_message ---

  @Test
  void sendMessagePostsToTheChannelOutbox() {
    clock.advance(Duration.ofMinutes(5));

    JsonNode result = execute("send_message", "{\"channel\":\"#support\",\"text\":\"Ticket opened for ACME\"}");

    JsonNode message = result.path("message");
    assertThat(message.path("channel").asText()).isEqualTo("#support");
    assertThat(message.path("text").asText()).isEqualTo("Ticket opened for ACME");
    assertThat(message.path("sent_at").asText()).isEqualTo(clock.instant().toString());
    assertThat(desk.listMessages("#support", 10))
        .extracting(Message::id, Message::text)
        .contains(org.assertj.core.groups.Tuple.tuple(message.path("id").asText(), "Ticket opened for ACME"));
    assertMatchesOutputSchema("send_message", result);
  }

  @Test
  void sendMessageTreatsAChannelWithoutHashAsTheSameChannel() {
    execute("send_message", "{\"channel\":\"escalations\",\"text\":\"first\"}");
    execute("send_message", "{\"channel\":\"#escalations\",\"text\":\"second\"}");

    assertThat(desk.listMessages("#escalations", 10)).extracting(Message::text).containsExactlyInAnyOrder("first", "second");
  }

  // --- get_incident_impact ---

  @Test
  void getIncidentImpactReturnsTheIncidentAndItsAffectedCustomers() {
    IncidentImpact expected = someIncidentImpact();
    Incident incident = expected.incident();

    JsonNode result = execute("get_incident_impact", "{\"incident_id\":\"" + incident.id() + "\"}");

    assertThat(result.path("incident").path("id").asText()).isEqualTo(incident.id());
    assertThat(result.path("incident").path("title").asText()).isEqualTo(incident.title());
    assertThat(result.path("incident").path("severity").asText()).isEqualTo(incident.severity());
    assertThat(result.path("incident").path("status").asText()).isEqualTo(incident.status());
    assertThat(result.path("incident").path("started_at").asText()).isEqualTo(incident.startedAt().toString());
    assertThat(result.path("affected_count").asInt()).isEqualTo(expected.affectedCustomers().size());
    List<JsonNode> affected = StreamSupport.stream(result.path("affected_customers").spliterator(), false).toList();
    assertThat(affected).containsExactlyElementsOf(expected.affectedCustomers().stream().map(this::customerJson).toList());
    assertMatchesOutputSchema("get_incident_impact", result);
  }

  @Test
  void getIncidentImpactForAnUnknownIncidentThrowsNotFoundNamingIt() {
    assertThatThrownBy(() -> execute("get_incident_impact", "{\"incident_id\":\"INC-404\"}"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no incident 'INC-404'");
  }

  // --- output schemas have teeth ---

  @Test
  void outputSchemasRejectAResultWithAnUnexpectedField() {
    ObjectNode result = (ObjectNode) execute("search_customer", "{\"query\":\"@\",\"limit\":1}");
    ((ObjectNode) result.path("customers").get(0)).put("password", "x");

    assertThat(outputErrors("search_customer", result)).isNotEmpty();
  }

  // --- helpers ---

  private JsonNode execute(String tool, String arguments) {
    JsonNode args = Json.parse(arguments);
    assertThat(inputErrors(tool, args)).as("test arguments for " + tool + " must be valid").isEmpty();
    return tools.get(tool).executor().execute(new ToolInvocation(args, "req-test", null, null)).structured();
  }

  private List<Error> inputErrors(String tool, String arguments) {
    return inputErrors(tool, Json.parse(arguments));
  }

  private List<Error> inputErrors(String tool, JsonNode arguments) {
    return SCHEMAS.getSchema(tools.get(tool).definition().inputSchema()).validate(arguments);
  }

  private List<Error> outputErrors(String tool, JsonNode result) {
    return SCHEMAS.getSchema(tools.get(tool).definition().outputSchema()).validate(result);
  }

  private void assertMatchesOutputSchema(String tool, JsonNode result) {
    assertThat(outputErrors(tool, result)).as(tool + " result " + result).isEmpty();
  }

  private Customer someCustomer() {
    List<Customer> customers = desk.searchCustomers("@", 50);
    assertThat(customers).as("demo data has customers").isNotEmpty();
    return customers.get(0);
  }

  private IncidentImpact someIncidentImpact() {
    List<Incident> incidents = desk.listIncidents();
    assertThat(incidents).as("demo data has incidents").isNotEmpty();
    return incidents.stream()
        .map(incident -> desk.incidentImpact(incident.id()).orElseThrow())
        .filter(impact -> !impact.affectedCustomers().isEmpty())
        .findFirst()
        .orElseThrow(() -> new AssertionError("demo data has no incident that affects a customer"));
  }

  private static CustomerStatus anotherStatusThan(CustomerStatus status) {
    return status == CustomerStatus.AT_RISK ? CustomerStatus.ACTIVE : CustomerStatus.AT_RISK;
  }

  private JsonNode customerJson(Customer customer) {
    ObjectNode node = Json.object();
    node.put("id", customer.id());
    node.put("name", customer.name());
    node.put("email", customer.email());
    node.put("company", customer.company());
    node.put("plan", customer.plan());
    node.put("status", customer.status().wireName());
    return node;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
