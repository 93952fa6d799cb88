package dev.toolgate.docs;

// tag::provider[]
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolProvider;
import dev.toolgate.ports.tool.ToolResult;
import java.util.List;

/** A tool of the embedding application's own: the gateway guards it like any built-in tool. */
final class GreetingTools implements ToolProvider {
  @Override
  public String name() {
    return "greetings";
  }

  @Override
  public List<Tool> tools() {
    var greet =
        new ToolDefinition(
            "greet",
            "Greet someone",
            "Returns a friendly greeting for the given name.",
            ToolCategory.READ,
            Json.parse(
                """
                {"type": "object",
                 "properties": {"name": {"type": "string", "minLength": 1, "description": "Who to greet"}},
                 "required": ["name"],
                 "additionalProperties": false}
                """),
            Json.parse(
                """
                {"type": "object",
                 "properties": {"greeting": {"type": "string"}},
                 "required": ["greeting"]}
                """),
            ToolAnnotations.read());
    return List.of(
        new Tool(
            greet,
            invocation ->
                ToolResult.of(
                    Json.object().put("greeting", "Hello, " + invocation.args().text("name") + "!"))));
  }
}
// end::provider[]
