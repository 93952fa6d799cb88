package dev.toolgate.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masks secrets in tool arguments wherever they are shown or kept: the values of the names a tool
 * declares sensitive ({@code ToolAnnotations.sensitiveArguments()}) and of any name that looks like
 * a credential, at any depth. The audit log and every face (REST, CLI) use these same rules, so a
 * value hidden in one place is hidden in all. Errs on the side of masking ({@code max_tokens} is
 * masked too), since an audit record cannot be unwritten.
 */
public final class Redaction {
  /** What a masked value is replaced with. */
  public static final String MASK = "***";

  /** Compared after lower-casing and dropping {@code -} and {@code _}, so {@code API-Key} matches. */
  private static final List<String> CREDENTIAL_WORDS =
      List.of("password", "passwd", "secret", "token", "apikey", "authorization");

  private Redaction() {}

  /**
   * A redacted deep copy of {@code value}; the input is not changed.
   *
   * @param value any JSON value, or null (then null is returned)
   * @param sensitiveNames field names whose values are masked wherever they occur, compared exactly;
   *     names that look like credentials ({@code password}, {@code api_key}, {@code Access-Token}…)
   *     are masked whether listed or not
   */
  public static JsonNode redact(JsonNode value, Set<String> sensitiveNames) {
    if (value == null) {
      return null;
    }
    if (value.isObject()) {
      ObjectNode copy = ((ObjectNode) value).objectNode();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        copy.set(
            field.getKey(),
            isSensitive(field.getKey(), sensitiveNames)
                ? TextNode.valueOf(MASK)
                : redact(field.getValue(), sensitiveNames));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = ((ArrayNode) value).arrayNode();
      for (JsonNode element : value) {
        copy.add(redact(element, sensitiveNames));
      }
      return copy;
    }
    return value.deepCopy();
  }

  private static boolean isSensitive(String name, Set<String> sensitiveNames) {
    if (sensitiveNames.contains(name)) {
      return true;
    }
    String normalized = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    return CREDENTIAL_WORDS.stream().anyMatch(normalized::contains);
  }
}
