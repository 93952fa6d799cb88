package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a default start loads: the packaged {@code target/toolgate.jar} (run by failsafe after
 * {@code package}) runs {@code tools list}, and {@code serve}, on a fresh embedded store with a clean
 * environment (no Firestore, no Klaviyo key, no upstream MCP servers, no language model), under the
 * JVM's own class loading log. None of the optional integrations' classes may load, nor, for the
 * command, the HTTP server's: they are what made a short command take seconds and the server start
 * slowly, and one eager reference in the wiring brings them back. Nor may the server start JMX.
 */
class DefaultStartClassesSystemTest {
  private static final Path JAR = Path.of("target", "toolgate.jar").toAbsolutePath();
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  /** Packages (or classes) a default start must not load, each with why it would. */
  private static final List<String> OPTIONAL_INTEGRATIONS =
      List.of(
          "com.google.cloud.", // the Firestore store
          "com.google.api.gax.",
          "io.grpc.",
          "io.netty.",
          "io.opentelemetry.",
          "com.github.mizosoft.methanol.", // the Klaviyo client's HTTP client
          "io.github.resilience4j.", // the Klaviyo client's retries and limiters
          "dev.toolgate.adapter.klaviyo.KlaviyoLimiters", // built with the Klaviyo client, on the first report
          "io.modelcontextprotocol.client.", // upstream MCP servers
          "dev.langchain4j.", // the language-model planner
          "com.knuddels.jtokkit.");

  /** The HTTP server: {@code serve} only. */
  private static final List<String> SERVER = List.of("io.javalin.", "org.eclipse.jetty.");

  /**
   * Classes the jar may load for {@code tools list}. About 2,040 when this was written (picocli, Guice,
   * Jackson, logback, SQLite, the JSON Schema validator and Toolgate's own); the margin is for growth,
   * not for a library pulled in by accident, which costs hundreds.
   */
  private static final int CLASSES_FROM_JAR_AT_MOST = 2_500;

  @TempDir Path temp;

  @Test
  void toolsListOnTheEmbeddedStoreLoadsNoOptionalIntegrationNorTheServer() throws Exception {
    assertThat(JAR).as("run after 'package': the shaded jar").exists();
    Path log = temp.resolve("classes.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                JAVA.toString(), "-Xlog:class+load=info:file=" + log, "-jar", JAR.toString(),
                "--data-dir", temp.resolve("data").toString(), "tools", "list")
            .directory(temp.toFile())
            .redirectOutput(temp.resolve("out.json").toFile())
            .redirectError(temp.resolve("err.txt").toFile());
    builder.environment().clear();
    Process started = builder.start();
    assertThat(started.waitFor(60, TimeUnit.SECONDS)).as("tools list ends").isTrue();
    assertThat(started.exitValue()).as(Files.readString(temp.resolve("err.txt"))).isZero();
    assertThat(Files.readString(temp.resolve("out.json"))).contains("\"search_customer\"");

    List<String> fromJar = classesFromJar(log);
    assertThat(fromJar).as("the log names the classes read from the jar").contains("dev.toolgate.app.cli.Main");
    assertNoneLoaded(fromJar, OPTIONAL_INTEGRATIONS);
    assertNoneLoaded(fromJar, SERVER);
    assertThat(fromJar.size()).as("classes loaded from the jar").isLessThanOrEqualTo(CLASSES_FROM_JAR_AT_MOST);
  }

  @Test
  void serveOnTheEmbeddedStoreLoadsNoOptionalIntegration() throws Exception {
    Path log = temp.resolve("classes.log");
    PackagedServer server =
        PackagedServer.start(
            temp.resolve("data"), temp, temp.resolve("server.err"), Map.of(), List.of("-Xlog:class+load=info:file=" + log));
    try {
      server.call("GET", "/healthz", server.adminKey, null, null).expect(200);
    } finally {
      server.process.destroy();
      assertThat(server.process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }
    List<String> fromJar = classesFromJar(log);
    assertThat(fromJar).as("the server ran").anyMatch(name -> name.startsWith("io.javalin."));
    assertNoneLoaded(fromJar, OPTIONAL_INTEGRATIONS);
    // Jetty starts JMX to learn the size of a reference unless told (ToolgateServer sets it).
    assertNoneLoaded(allClasses(log), List.of("javax.management.", "java.lang.management."));
  }

  private static void assertNoneLoaded(List<String> classes, List<String> prefixes) {
    for (String prefix : prefixes) {
      assertThat(classes).as("classes starting with " + prefix).noneMatch(name -> name.startsWith(prefix));
    }
  }

  /** The class names of every line of the log, wherever the class came from. */
  private static List<String> allClasses(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains("[class,load]") && line.contains(" source: "))
        .map(line -> line.substring(line.indexOf("[class,load]") + "[class,load]".length()).trim())
        .map(rest -> rest.substring(0, rest.indexOf(' ')))
        .toList();
  }

  /**
   * The class names of the log's lines whose source is the jar, e.g. {@code [info][class,load]
   * dev.toolgate.app.cli.Main source: file:/…/toolgate.jar}; or, from an application class-data
   * archive, {@code source: shared objects file (top)}: a default JVM uses none for the jar.
   */
  private static List<String> classesFromJar(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains("source: file:") && line.contains("toolgate.jar"))
        .map(line -> line.substring(line.indexOf("[class,load]") + "[class,load]".length()).trim())
        .map(rest -> rest.substring(0, rest.indexOf(' ')))
        .toList();
  }
}
