package dev.toolgate.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.ports.tool.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks arguments against each tool's input schema (JSON Schema draft 2020-12). Schemas are
 * compiled when a tool is registered (see {@link ToolRegistry}); a schema that is not itself valid is
 * refused then, naming the tool, rather than failing every call later.
 */
public final class ArgumentValidator {
  /** Keywords whose error sits on the parent object but concerns one named property. */
  private static final Set<String> PROPERTY_KEYWORDS =
      Set.of("required", "additionalProperties", "unevaluatedProperties", "dependentRequired");

  // Messages in English whatever the JVM's locale: they reach API clients, not local users.
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build()));

  private static final Schema META_SCHEMA =
      REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

  private final ToolRegistry tools;

  public ArgumentValidator(ToolRegistry tools) {
    this.tools = tools;
  }

  /** The tool's input schema, compiled; throws {@link IllegalStateException} naming the tool when it is not valid. */
  public static Schema compile(ToolDefinition tool) {
    JsonNode inputSchema = tool.inputSchema();
    List<Error> problems = META_SCHEMA.validate(inputSchema);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "input schema of tool '" + tool.name() + "' is not a valid JSON Schema: "
              + problems.stream().map(ArgumentValidator::describe).toList());
    }
    Schema schema = REGISTRY.getSchema(inputSchema);
    schema.initializeValidators();
    return schema;
  }

  /** Field errors, empty when {@code arguments} is an object that matches the tool's schema. */
  public List<FieldError> validate(String tool, JsonNode arguments) {
    if (!arguments.isObject()) {
      return List.of(
          new FieldError(
              "", "arguments must be a JSON object, got " + arguments.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    Schema schema =
        tools.entry(tool)
            .map(ToolRegistry.Entry::schema)
            .orElseThrow(() -> new IllegalArgumentException("no registered tool '" + tool + "'"));
    List<FieldError> nonFinite = new ArrayList<>();
    findNonFinite(arguments, "", nonFinite);
    if (!nonFinite.isEmpty()) {
      // The schema library turns numbers into BigDecimal, which has no infinity: refuse them first.
      return List.copyOf(nonFinite);
    }
    return schema.validate(arguments).stream()
        .map(error -> new FieldError(pointer(error), error.getMessage()))
        .toList();
  }

  /** Numbers that overflowed to infinity (e.g. {@code 1e400}) or are NaN: JSON numbers are finite. */
  private static void findNonFinite(JsonNode node, String at, List<FieldError> errors) {
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()) && !node.isBigDecimal()) {
      errors.add(new FieldError(at, "must be a finite number, got " + node.asText()));
    } else if (node.isContainerNode()) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          findNonFinite(node.get(i), at + "/" + i, errors);
        }
      } else {
        node.fields()
            .forEachRemaining(
                field ->
                    findNonFinite(
                        field.getValue(), at + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), errors));
      }
    }
  }

  private static String pointer(Error error) {
    String location = error.getInstanceLocation().toString();
    if (error.getProperty() != null && PROPERTY_KEYWORDS.contains(error.getKeyword())) {
      return location + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
    }
    return location;
  }

  private static String describe(Error error) {
    String location = error.getInstanceLocation().toString();
    return (location.isEmpty() ? "(root)" : location) + ": " + error.getMessage();
  }
}
