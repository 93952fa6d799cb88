package dev.toolgate.app.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * How every face words JSON that does not parse: where (line and column) and what, in the parser's
 * words without its internals. REST puts it in a {@code malformed_json} error; the CLI prints it for
 * {@code --args}.
 */
public final class MalformedJson {
  /** Jackson's own location text, e.g. {@code [Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 2]}. */
  private static final Pattern SOURCE_LOCATION =
      Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");

  private MalformedJson() {}

  /**
   * {@code "<what> is not valid JSON at line L, column C: <problem>"}.
   *
   * @param what what was parsed, e.g. {@code the request body} or {@code --args}
   */
  public static String message(String what, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return what + " is not valid JSON" + where + ": " + problem(e);
  }

  /** The parser's description of the problem, with any location it quotes reduced to line and column. */
  static String problem(JsonProcessingException e) {
    String text = String.valueOf(e.getOriginalMessage());
    return SOURCE_LOCATION.matcher(text).replaceAll("line $1, column $2");
  }
}
