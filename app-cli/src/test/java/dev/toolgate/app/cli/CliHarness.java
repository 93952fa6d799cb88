package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the CLI in-process, as {@link Main} would, on one data directory with an environment of the
 * test's own (so the developer's {@code .env} and variables never leak in), capturing both streams.
 */
final class CliHarness {
  private final Path workDir;
  private final Path dataDir;
  private final Map<String, String> env = new HashMap<>();
  private boolean passDataDir = true;

  CliHarness(Path tempDir) {
    this.workDir = tempDir;
    this.dataDir = tempDir.resolve("data");
  }

  CliHarness env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Leaves the data directory to the settings instead of passing {@code --data-dir}. */
  CliHarness withoutDataDirOption() {
    passDataDir = false;
    return this;
  }

  Path dataDir() {
    return dataDir;
  }

  Path workDir() {
    return workDir;
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  Result runWithInput(String stdin, String... args) {
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    List<String> all = new ArrayList<>(passDataDir ? List.of("--data-dir", dataDir.toString()) : List.of());
    all.addAll(List.of(args));
    // As Main builds it: with only the subcommand the arguments name.
    CommandLine cli = ToolgateCommand.commandLine(new ToolgateCommand(env, workDir, in), all.toArray(String[]::new));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(all.toArray(String[]::new));
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** Issues a key as the local operator and returns its secret. */
  String createKey(String name, String... options) {
    List<String> args = new ArrayList<>(List.of("keys", "create", "--name", name));
    args.addAll(List.of(options));
    Result created = run(args.toArray(String[]::new));
    if (created.exitCode() != 0) {
      throw new AssertionError("could not create key " + name + ": " + created);
    }
    return created.json().path("secret").asText();
  }

  record Result(int exitCode, String out, String err) {
    JsonNode json() {
      return Json.parse(out);
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
