package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValidationTest {
  private static final String SCHEMA =
      """
      {"type": "object",
       "properties": {
         "customer_id": {"type": "string", "minLength": 3},
         "limit": {"type": "integer", "minimum": 1, "maximum": 50},
         "tags": {"type": "array", "items": {"type": "string"}}
       },
       "required": ["customer_id"],
       "additionalProperties": false}
      """;

  private final Fixture fixture = new Fixture();

  ValidationTest() {
    fixture.tools.add(
        "search", ToolCategory.READ, ToolAnnotations.read(), Json.parse(SCHEMA), invocation -> Json.object());
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private ToolOutcome.Invalid invalid(String arguments) {
    ToolOutcome outcome = call(fixture.gateway(), agent("a"), "search", arguments);
    assertThat(outcome).isInstanceOf(ToolOutcome.Invalid.class);
    assertThat(outcome.code()).isEqualTo("invalid_arguments");
    return (ToolOutcome.Invalid) outcome;
  }

  @Test
  void acceptsMatchingArguments() {
    assertThat(call(fixture.gateway(), agent("a"), "search", "{\"customer_id\":\"c-1\",\"limit\":5}").isSuccess())
        .isTrue();
    assertThat(fixture.tools.executions("search")).isEqualTo(1);
  }

  @Test
  void pointsAtEachOffendingField() {
    ToolOutcome.Invalid invalid = invalid("{\"customer_id\": 7, \"limit\": 99, \"tags\": [\"a\", 2]}");

    assertThat(invalid.errors()).extracting(FieldError::field)
        .containsExactlyInAnyOrder("/customer_id", "/limit", "/tags/1");
    assertThat(invalid.errors()).allSatisfy(error -> assertThat(error.message()).isNotBlank());
    assertThat(fixture.tools.executions("search")).isZero();
  }

  @Test
  void namesMissingAndUnexpectedProperties() {
    ToolOutcome.Invalid invalid = invalid("{\"surprise\": true}");

    assertThat(invalid.errors()).extracting(FieldError::field)
        .containsExactlyInAnyOrder("/customer_id", "/surprise");
  }

  @Test
  void refusesArgumentsThatAreNotAnObject() {
    ToolOutcome.Invalid invalid = invalid("[1, 2]");

    assertThat(invalid.errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEmpty();
      assertThat(error.message()).contains("object");
    });
  }

  @Test
  void missingArgumentsCountAsAnEmptyObject() {
    ToolOutcome.Invalid invalid = invalid(null);

    assertThat(invalid.errors()).extracting(FieldError::field).containsExactly("/customer_id");
  }
}
