package dev.toolgate.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link McpMessageCheck} needs to know of one JSON-RPC message, read from its text in one pass of
 * parser tokens: no tree is built, because the SDK parses the same text again right after. The whole
 * text is read before anything is judged, so a syntax error anywhere wins over every other rule, as it
 * would with a tree. A member named twice counts with its last value (as a Jackson tree and the SDK's
 * map both have it); an argument named twice keeps the place where it was first named.
 */
final class JsonRpcMessageSummary {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(ToolgateMcp.MAX_NESTING_DEPTH).build())
          .build();

  /** The members of {@code params} that some method requires (McpMessageCheck's table), and {@code arguments}. */
  private static final Map<String, Integer> PARAM_SLOTS =
      Map.of("protocolVersion", 0, "capabilities", 1, "clientInfo", 2, "name", 3, "uri", 4, "ref", 5,
          "argument", 6, "level", 7, "arguments", 8);

  /** JSON type of the root value ("object" for a message). Null for an empty body. */
  String rootType;
  boolean hasId;
  /** The id when it is a string or an integer, else null (see {@link #idType}). */
  JsonNode id;
  String idType;
  boolean jsonrpc20;
  boolean hasMethod;
  /** The method when it is a string, else null. */
  String method;
  /** JSON type of {@code params}, null when absent. */
  String paramsType;
  /** JSON type of each slotted member of an object {@code params} (see {@link #PARAM_SLOTS}), null when absent. */
  private String[] paramTypes;
  /** Each argument's JSON type in order, when read (see {@link #read}); else null. */
  Map<String, String> argumentTypes;
  boolean hasResult;
  boolean hasError;
  /** Whether {@code error} is an object with an integer {@code code} and a string {@code message}. */
  boolean errorWellFormed;

  private final boolean readArguments;

  private JsonRpcMessageSummary(boolean readArguments) {
    this.readArguments = readArguments;
  }

  /**
   * Reads {@code text}. The members of {@code params.arguments} are recorded one by one (only prompts/get
   * needs that, so other messages are spared the map) when {@code readArguments}, or when the method
   * named before them is prompts/get; {@link #argumentsUnread} says when a second pass must ask.
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException when the text is not one JSON value
   */
  static JsonRpcMessageSummary read(String text, boolean readArguments) throws IOException {
    JsonRpcMessageSummary summary = new JsonRpcMessageSummary(readArguments);
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken root = parser.nextToken();
      if (root == null) {
        return summary;
      }
      summary.rootType = typeName(root);
      if (root == JsonToken.START_OBJECT) {
        summary.readMessage(parser);
      } else {
        parser.skipChildren();
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        // Worded as Jackson's FAIL_ON_TRAILING_TOKENS, which the tree-building check used.
        throw MismatchedInputException.from(parser, JsonNode.class,
            "Trailing token (of type " + trailing + ") found after value (bound as `"
                + JsonNode.class.getName() + "`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
      }
    }
    return summary;
  }

  /** JSON type of a slotted {@code params} member, or null when absent (or params is not an object). */
  String paramType(String member) {
    Integer slot = PARAM_SLOTS.get(member);
    return paramTypes == null || slot == null ? null : paramTypes[slot];
  }

  /** Whether prompts/get would need {@link #argumentTypes} that this pass did not record. */
  boolean argumentsUnread() {
    return argumentTypes == null && "object".equals(paramType("arguments"));
  }

  private void readMessage(JsonParser parser) throws IOException {
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      switch (name) {
        case "id" -> readId(parser, value);
        case "jsonrpc" -> {
          jsonrpc20 = value == JsonToken.VALUE_STRING && isTwoPointZero(parser);
          parser.skipChildren();
        }
        case "method" -> {
          hasMethod = true;
          method = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          parser.skipChildren();
        }
        case "params" -> readParams(parser, value);
        case "result" -> {
          hasResult = true;
          parser.skipChildren();
        }
        case "error" -> readError(parser, value);
        default -> parser.skipChildren();
      }
    }
  }

  private void readId(JsonParser parser, JsonToken value) throws IOException {
    hasId = true;
    idType = typeName(value);
    id = switch (value) {
      case VALUE_STRING -> TextNode.valueOf(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> IntNode.valueOf(parser.getIntValue());
        case LONG -> LongNode.valueOf(parser.getLongValue());
        default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
      };
      default -> null;
    };
    parser.skipChildren();
  }

  private void readParams(JsonParser parser, JsonToken value) throws IOException {
    paramsType = typeName(value);
    paramTypes = null;
    argumentTypes = null;
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    paramTypes = new String[PARAM_SLOTS.size()];
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken member = parser.nextToken();
      Integer slot = PARAM_SLOTS.get(name);
      if (slot != null) {
        paramTypes[slot] = typeName(member);
      }
      if ("arguments".equals(name)) {
        argumentTypes = null;
        if ((readArguments || "prompts/get".equals(method)) && member == JsonToken.START_OBJECT) {
          readArguments(parser);
          continue;
        }
      }
      parser.skipChildren();
    }
  }

  private void readArguments(JsonParser parser) throws IOException {
    Map<String, String> types = new LinkedHashMap<>();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      types.put(name, typeName(parser.nextToken()));
      parser.skipChildren();
    }
    argumentTypes = types;
  }

  private void readError(JsonParser parser, JsonToken value) throws IOException {
    hasError = true;
    if (value != JsonToken.START_OBJECT) {
      errorWellFormed = false;
      parser.skipChildren();
      return;
    }
    boolean integerCode = false;
    boolean textMessage = false;
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken member = parser.nextToken();
      if ("code".equals(name)) {
        integerCode = member == JsonToken.VALUE_NUMBER_INT;
      } else if ("message".equals(name)) {
        textMessage = member == JsonToken.VALUE_STRING;
      }
      parser.skipChildren();
    }
    errorWellFormed = integerCode && textMessage;
  }

  /** Whether the current string is "2.0", compared in the parser's buffer (no String made for it). */
  private static boolean isTwoPointZero(JsonParser parser) throws IOException {
    char[] text = parser.getTextCharacters();
    int at = parser.getTextOffset();
    return parser.getTextLength() == 3 && text[at] == '2' && text[at + 1] == '.' && text[at + 2] == '0';
  }

  /** The JSON type a value starting with {@code token} has, in the words of the error messages. */
  static String typeName(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      case VALUE_EMBEDDED_OBJECT -> "binary";
      case END_OBJECT, END_ARRAY, FIELD_NAME, NOT_AVAILABLE -> throw new IllegalStateException("not a value: " + token);
    };
  }
}
