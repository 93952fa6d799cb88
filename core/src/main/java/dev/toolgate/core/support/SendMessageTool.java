package dev.toolgate.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.tool.Recovery;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolArguments;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import dev.toolgate.ports.tool.ToolSchemas;

/** {@code send_message}: posts a message to a support channel, where people read it. */
final class SendMessageTool implements ToolExecutor {
  static final String NAME = "send_message";

  private static final JsonNode INPUT = ToolSchemas.input(SupportToolset.class, NAME);
  private static final JsonNode OUTPUT = ToolSchemas.output(SupportToolset.class, NAME);

  private final SupportDesk desk;

  SendMessageTool(SupportDesk desk) {
    this.desk = desk;
  }

  static ToolDefinition definition() {
    return new ToolDefinition(
        NAME,
        "Send support-channel message",
        "Posts a text message to a support channel such as #support or #incidents, where the"
            + " support team reads it. A posted message cannot be edited or recalled; send an"
            + " idempotency key so that a retry does not post it twice.",
        ToolCategory.WRITE,
        INPUT.deepCopy(),
        OUTPUT.deepCopy(),
        // The outbox keys the message by the effect key: a re-run after a crash returns the first one.
        ToolAnnotations.write().withOpenWorld(true).withRecovery(Recovery.RERUN));
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    ToolArguments args = invocation.args();
    ObjectNode result = Json.object();
    result.set(
        "message",
        SupportJson.message(
            desk.sendMessage(channel(args.text("channel")), args.text("text"), invocation.idempotencyKey())));
    return ToolResult.of(result);
  }

  /** "support" and "#support" name one channel; the outbox always stores the '#' form. */
  static String channel(String name) {
    return name.startsWith("#") ? name : "#" + name;
  }
}
