package dev.toolgate.app.http;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The official MCP reference server {@code @modelcontextprotocol/server-everything}, run unmodified
 * with {@code node}: {@code .ci/run} installs a pinned version into {@code .ci/mcp-everything}
 * ({@code -Dtoolgate.mcpEverythingDir=…} names another install). Tests that need it call
 * {@link #require()}, which skips them where it or {@code node} is missing, unless
 * {@code -Dtoolgate.requireMcpEverything=true} (as CI sets) turns that into a failure.
 */
final class EverythingServer {
  static final String REQUIRE_PROPERTY = "toolgate.requireMcpEverything";
  static final String DIR_PROPERTY = "toolgate.mcpEverythingDir";
  private static final String ENTRY = "node_modules/@modelcontextprotocol/server-everything/dist/index.js";

  private EverythingServer() {}

  /** The server's entry script; skips (or fails, in CI) the test when it or node is not installed. */
  static Path require() {
    Optional<Path> script = script();
    Optional<Path> node = node();
    if (script.isPresent() && node.isPresent()) {
      return script.get();
    }
    String missing = script.isEmpty()
        ? "the MCP 'everything' server is not installed: run 'npm install --prefix .ci/mcp-everything"
            + " @modelcontextprotocol/server-everything@2026.8.31' (as .ci/run does) or name an install with -D"
            + DIR_PROPERTY
        : "node is not on the PATH";
    if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
      fail(missing + " (required: -D" + REQUIRE_PROPERTY + "=true)");
    }
    Assumptions.abort(missing);
    throw new AssertionError("unreachable");
  }

  /** The {@code node} executable on the PATH. */
  static String nodeCommand() {
    return node().orElseThrow().toString();
  }

  /** An {@code mcpServers} entry that runs the server over stdio. */
  static String stdioEntry(String name) {
    return "\"" + name + "\": {\"command\": " + UpstreamProcesses.quote(nodeCommand()) + ", \"args\": [" + UpstreamProcesses.quote(require().toString())
        + ", \"stdio\"]}";
  }

  private static Optional<Path> script() {
    String named = System.getProperty(DIR_PROPERTY);
    // Surefire and failsafe run in the module's directory; the install is at the project's root.
    Stream<Path> dirs = named != null && !named.isBlank()
        ? Stream.of(Path.of(named))
        : Stream.of(Path.of("../.ci/mcp-everything"), Path.of(".ci/mcp-everything"));
    return dirs.map(d -> d.resolve(ENTRY).toAbsolutePath().normalize()).filter(Files::isRegularFile).findFirst();
  }

  private static Optional<Path> node() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, "node"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
