package dev.toolgate.app.http;

import dev.toolgate.ports.Json;
import java.nio.file.Path;

/** {@code mcpServers} entries that run the tests' upstream servers as {@code java -cp} subprocesses. */
final class UpstreamProcesses {
  private UpstreamProcesses() {}

  /** The SDK-built {@link EchoUpstream}. */
  static String echo(String name, String extra) {
    return entry(name, "dev.toolgate.app.http.EchoUpstream", null, extra);
  }

  /** The hand-written {@link MisbehavingUpstream}, keeping its counts in {@code state}. */
  static String misbehaving(String name, Path state, String extra) {
    return entry(name, "dev.toolgate.app.http.MisbehavingUpstream", state.toString(), extra);
  }

  private static String entry(String name, String mainClass, String argument, String extra) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The subprocess's stdout is its MCP channel: keep logging off it.
    return "\"" + name + "\": {\"command\": " + quote(java) + ", \"args\": ["
        + "\"-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider\", \"-Xmx64m\", "
        + "\"-cp\", " + quote(System.getProperty("java.class.path")) + ", " + quote(mainClass)
        + (argument == null ? "" : ", " + quote(argument)) + "]" + extra + "}";
  }

  static String quote(String text) {
    return Json.write(Json.mapper().valueToTree(text));
  }
}
