package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./toolgate} launcher and {@code serve --exit-when-ready}, on the packaged jar (run by
 * failsafe after {@code package}). The launcher and a copy of the jar are laid out in a temporary
 * directory as in a checkout ({@code toolgate}, {@code app-cli/target/toolgate.jar}), so its class-data
 * archives are made there and the project's own target directory is left alone.
 */
class LauncherSystemTest {
  private static final Path JAR = Path.of("target", "toolgate.jar").toAbsolutePath();
  private static final Path LAUNCHER = Path.of("..", "toolgate").toAbsolutePath().normalize();
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  @TempDir Path temp;

  @Test
  void exitWhenReadyStartsAnswersHealthzAndStops() throws Exception {
    Result result = run(List.of(JAVA.toString(), "-jar", JAR.toString(), "--data-dir", "data", "serve", "--port", "0",
        "--exit-when-ready"), Map.of());

    assertThat(result.exitCode).as(result.stderr).isZero();
    assertThat(result.stdout)
        .contains("data directory: " + temp.resolve("data"))
        .containsPattern("listening on http://127\\.0\\.0\\.1:\\d+; /healthz answered 200, stopping");
    assertThat(temp.resolve("data").resolve("toolgate.db")).as("the store was opened").exists();
  }

  @Test
  void exitWhenReadyOnATakenPortFailsWithTheStartFailureCode() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Result result = run(List.of(JAVA.toString(), "-jar", JAR.toString(), "--data-dir", "data", "serve", "--port",
          String.valueOf(taken.getLocalPort()), "--exit-when-ready"), Map.of());

      assertThat(result.exitCode).isEqualTo(ExitCodes.START_FAILED);
      assertThat(result.stderr).contains("the port is already in use");
    }
  }

  @Test
  void launcherTrainsTheServersArchiveOnAServerStartAndTheCommandsOnToolsList() throws Exception {
    Path launcher = checkout();
    Path target = temp.resolve("app-cli").resolve("target");

    Result flags = run(List.of(launcher.toString(), "serve"), Map.of("TOOLGATE_PRINT_FLAGS", "1"));
    assertThat(flags.exitCode).as(flags.stderr).isZero();
    Path server = archive(target, "server");
    assertThat(words(flags.stdout)).contains("-XX:SharedArchiveFile=" + server).doesNotContain("-XX:TieredStopAtLevel=1");
    assertThat(archives(target)).as("only the kind the command needs is made").containsExactly(server);

    // The server's classes are in it: a server started with it reads them from the archive, not the jar.
    Path log = temp.resolve("classes.log");
    Result served = run(List.of(launcher.toString(), "--data-dir", "data", "serve", "--port", "0", "--exit-when-ready"),
        Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + log));
    assertThat(served.exitCode).as(served.stderr).isZero();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines).anyMatch(line -> line.contains(" io.javalin.Javalin source: shared objects file (top)"));
    assertThat(lines).anyMatch(line -> line.contains(" org.eclipse.jetty.server.Server source: shared objects file (top)"));

    Result listed = run(List.of(launcher.toString(), "--data-dir", "data", "tools", "list"), Map.of());
    assertThat(listed.exitCode).as(listed.stderr).isZero();
    assertThat(listed.stdout).contains("\"search_customer\"");
    Path cli = archive(target, "cli");
    assertThat(Files.size(cli)).as("the commands' archive holds no server").isLessThan(Files.size(server));
    Result cliFlags = run(List.of(launcher.toString(), "keys", "list"), Map.of("TOOLGATE_PRINT_FLAGS", "1"));
    assertThat(words(cliFlags.stdout))
        .contains("-XX:SharedArchiveFile=" + cli, "-XX:TieredStopAtLevel=1", "-Dorg.sqlite.lib.path=" + target.resolve("sqlite-native"));
  }

  @Test
  void launcherMakesTheArchiveAnewForANewerJarAndRunsWithoutOneWhenOff() throws Exception {
    Path launcher = checkout();
    Path target = temp.resolve("app-cli").resolve("target");
    Result first = run(List.of(launcher.toString(), "--data-dir", "data", "tools", "list"), Map.of());
    assertThat(first.exitCode).as(first.stderr).isZero();
    Path archive = archive(target, "cli");
    // A jar newer than its archive (a rebuild): the archive is made again before the command runs.
    Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    Files.setLastModifiedTime(target.resolve("toolgate.jar"), FileTime.fromMillis(System.currentTimeMillis()));
    Result again = run(List.of(launcher.toString(), "--data-dir", "data", "tools", "list"), Map.of());
    assertThat(again.exitCode).as(again.stderr).isZero();
    assertThat(again.stdout).contains("\"search_customer\"");
    assertThat(Files.getLastModifiedTime(archive(target, "cli")).toMillis())
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(target.resolve("toolgate.jar")).toMillis());

    Result off = run(List.of(launcher.toString(), "serve"), Map.of("TOOLGATE_CDS", "0", "TOOLGATE_PRINT_FLAGS", "1"));
    assertThat(off.stdout).doesNotContain("SharedArchiveFile");
  }

  /** The launcher next to {@code app-cli/target/toolgate.jar}, in the temporary directory. */
  private Path checkout() throws IOException {
    Path target = Files.createDirectories(temp.resolve("app-cli").resolve("target"));
    Files.copy(JAR, target.resolve("toolgate.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    Path launcher = temp.resolve("toolgate");
    Files.copy(LAUNCHER, launcher, StandardCopyOption.COPY_ATTRIBUTES);
    assertThat(launcher.toFile().setExecutable(true)).isTrue();
    return launcher;
  }

  /** The one archive of {@code kind} ({@code cli} or {@code server}) in {@code target}. */
  private static Path archive(Path target, String kind) throws IOException {
    List<Path> archives = archives(target).stream().filter(file -> file.toString().endsWith("-" + kind + ".jsa")).toList();
    assertThat(archives).as("one " + kind + " class-data archive in " + target).hasSize(1);
    return archives.get(0);
  }

  private static List<String> words(String text) {
    return List.of(text.trim().split("\\s+"));
  }

  private static List<Path> archives(Path target) throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).sorted().toList();
    }
  }

  private Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(temp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    // The launcher runs the JDK running this test, as it would the one a build used.
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Result(int exitCode, String stdout, String stderr) {}
}
