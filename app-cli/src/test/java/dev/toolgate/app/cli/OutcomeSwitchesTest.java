package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each face maps tool outcomes in one switch over {@code ToolOutcome.Kind} without a default, so
 * adding an outcome must fail compilation in every face. This test adds one to the real source of
 * {@code ToolOutcome} and compiles each face's mapping against it with javac.
 */
class OutcomeSwitchesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path TOOL_OUTCOME = ROOT.resolve("core/src/main/java/dev/toolgate/core/call/ToolOutcome.java");

  @TempDir Path work;

  /** The one place per face where every outcome is mapped: HTTP, MCP, CLI, audit and storage. */
  static Stream<String> faces() {
    return Stream.of(
        "app-http/src/main/java/dev/toolgate/app/http/OutcomeMapper.java",
        "mcp-server/src/main/java/dev/toolgate/mcp/McpOutcomes.java",
        "app-cli/src/main/java/dev/toolgate/app/cli/ExitCodes.java",
        "core/src/main/java/dev/toolgate/core/audit/OutcomeAudit.java",
        "core/src/main/java/dev/toolgate/core/internal/OutcomeCodec.java");
  }

  @ParameterizedTest
  @MethodSource("faces")
  void addingAnOutcomeFailsCompilationInTheFace(String face) throws IOException {
    String source = Files.readString(TOOL_OUTCOME);
    String withNewKind = source.replace("    FAILED\n  }", "    FAILED,\n    ADDED_BY_THIS_TEST\n  }");
    assertThat(withNewKind).as("the Kind enum ends with FAILED").isNotEqualTo(source);

    List<Diagnostic<? extends JavaFileObject>> errors = compile(withNewKind, ROOT.resolve(face));

    assertThat(errors)
        .as("javac errors for %s", face)
        .anySatisfy(
            error -> {
              assertThat(error.getSource().getName()).endsWith(Path.of(face).getFileName().toString());
              assertThat(error.getMessage(Locale.ENGLISH)).contains("switch");
            });
  }

  @ParameterizedTest
  @MethodSource("faces")
  void everyFaceCompilesAgainstTheOutcomesAsTheyAre(String face) throws IOException {
    assertThat(compile(Files.readString(TOOL_OUTCOME), ROOT.resolve(face))).isEmpty();
  }

  private List<Diagnostic<? extends JavaFileObject>> compile(String toolOutcomeSource, Path face) throws IOException {
    Path outcome = work.resolve("src/dev/toolgate/core/call/ToolOutcome.java");
    Files.createDirectories(outcome.getParent());
    Files.writeString(outcome, toolOutcomeSource);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ENGLISH, null)) {
      Path classes = Files.createDirectories(work.resolve("classes"));
      List<String> options =
          List.of("-proc:none", "--release", "17", "-d", classes.toString(), "-cp", System.getProperty("java.class.path"));
      boolean ok =
          javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(outcome, face)).call();
      List<Diagnostic<? extends JavaFileObject>> errors =
          diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
              .collect(Collectors.toList());
      assertThat(ok).isEqualTo(errors.isEmpty());
      return errors;
    }
  }
}
