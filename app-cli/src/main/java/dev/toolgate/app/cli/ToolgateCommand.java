package dev.toolgate.app.cli;

import dev.toolgate.app.http.Settings;
import dev.toolgate.app.http.SettingsException;
import dev.toolgate.app.http.ToolgateRuntime;
import dev.toolgate.app.http.ToolgateVersion;
import dev.toolgate.core.InvalidCommandException;
import dev.toolgate.core.Principal;
import dev.toolgate.ports.PortException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code toolgate}: the top command, holding the global options every subcommand inherits. */
@Command(
    name = "toolgate",
    mixinStandardHelpOptions = true,
    versionProvider = ToolgateCommand.Version.class,
    sortOptions = false,
    description = {
      "A guarded gateway between AI agents (or scripts) and the tools they call.",
      "",
      "Works in-process on the embedded store (the data directory from the settings, or"
          + " --data-dir). Without --key the CLI acts as the local operator, with admin rights:"
          + " whoever can read the data directory already owns the data, so a key would protect"
          + " nothing. With --key (or TOOLGATE_KEY) it acts as that key, with exactly its rights.",
      "",
      "Output is JSON on stdout (for scripts; --output table for people); errors and notes go to"
          + " stderr."
    },
    footer = ExitCodes.HELP_FOOTER)
final class ToolgateCommand implements Runnable {
  /**
   * The subcommands, in the order help lists them. Not in the annotation: picocli builds the model of
   * every command it is given, by reflection (about a quarter of a short command's start-up in a
   * class-loading timeline), so {@link #commandLine(ToolgateCommand, String...)} adds only the one
   * being run.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ToolsCommand.class,
          ApprovalsCommand.class,
          AuditCommand.class,
          KeysCommand.class,
          IdempotencyCommand.class,
          ServeCommand.class,
          DemoCommand.class,
          ChatCommand.class,
          ModelsCommand.class,
          UsageCommand.class,
          ClientsCommand.class,
          McpCommand.class,
          UpstreamsCommand.class,
          WorkersCommand.class);

  /** The top command's options that take a value as the next argument. */
  private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--data-dir", "--output", "--key");

  /** Subcommands whose output is not data, so {@code --output} is not offered there. */
  static final List<String> COMMANDS_WITHOUT_OUTPUT = List.of("serve", "mcp", "workers");

  private final Map<String, String> env;
  private final Path workDir;
  private final InputStream stdin;
  private final String requestId = "cli-" + UUID.randomUUID();

  @Spec private CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Directory of the embedded store (overrides the setting; default ./data).")
  private Path dataDir;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      defaultValue = "json",
      description = "json (default, for scripts) or table (for people).")
  private OutputFormat output;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      scope = ScopeType.INHERIT,
      description =
          "Act as this API key (default: the TOOLGATE_KEY environment variable; without either,"
              + " act as the local operator).")
  private String key;

  /** Reads the real environment, working directory and standard input. */
  ToolgateCommand() {
    this(System.getenv(), Path.of("").toAbsolutePath(), System.in);
  }

  /** For tests: an environment, working directory and standard input of their own. */
  ToolgateCommand(Map<String, String> env, Path workDir, InputStream stdin) {
    this.env = Map.copyOf(env);
    this.workDir = Objects.requireNonNull(workDir, "workDir");
    this.stdin = Objects.requireNonNull(stdin, "stdin");
  }

  /** The command line with every subcommand, for help and documentation. */
  static CommandLine commandLine(ToolgateCommand command) {
    return commandLine(command, SUBCOMMANDS);
  }

  /**
   * The command line that runs {@code args}, with the error handling and conventions that {@link Main}
   * runs: only the subcommand that {@code args} names, or all of them when it names none that exists
   * (top-level help, a typo that deserves suggestions).
   */
  static CommandLine commandLine(ToolgateCommand command, String... args) {
    String name = subcommandName(args);
    List<Class<?>> needed = SUBCOMMANDS.stream().filter(sub -> nameOf(sub).equals(name)).toList();
    return commandLine(command, needed.isEmpty() ? SUBCOMMANDS : needed);
  }

  private static CommandLine commandLine(ToolgateCommand command, List<Class<?>> subcommands) {
    CommandLine cli = new CommandLine(command);
    subcommands.forEach(cli::addSubcommand);
    // serve and mcp print no data of their own (a log, a protocol): an inherited --output would be a lie there.
    for (String name : COMMANDS_WITHOUT_OUTPUT) {
      CommandLine sub = cli.getSubcommands().get(name);
      if (sub != null) {
        sub.getCommandSpec().remove(sub.getCommandSpec().findOption("--output"));
      }
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // The log variables are checked before any command runs, so a typo is exit code 10 like any bad setting.
    cli.setExecutionStrategy(
        parseResult -> {
          try {
            LogSettings.parse(command.env);
          } catch (SettingsException bad) {
            throw new CommandLine.ExecutionException(parseResult.commandSpec().commandLine(), bad.getMessage(), bad);
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    cli.setExecutionExceptionHandler(
        (failure, failed, parseResult) -> {
          PrintWriter err = failed.getErr();
          if (failure instanceof SettingsException bad) {
            bad.problems().forEach(err::println);
          } else if (failure instanceof InvalidCommandException invalid) {
            err.println("toolgate: " + invalid.getMessage());
            invalid.errors().forEach(e -> err.println("  " + (e.field().isEmpty() ? "(command)" : e.field()) + ": " + e.message()));
          } else if (ExitCodes.of(failure) == ExitCodes.FAILED
              && !(failure instanceof CliException)
              && !(failure instanceof PortException)) {
            err.println("toolgate: " + failure);
          } else {
            err.println("toolgate: " + failure.getMessage());
          }
          err.flush();
          return ExitCodes.of(failure);
        });
    return cli;
  }

  /** The first argument that is neither an option nor an option's value, or null. */
  static String subcommandName(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (OPTIONS_WITH_VALUE.contains(args[i])) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return null;
  }

  private static String nameOf(Class<?> subcommand) {
    return subcommand.getAnnotation(Command.class).name();
  }

  /** The top command of the command line that {@code spec} belongs to. */
  static ToolgateCommand of(CommandSpec spec) {
    return (ToolgateCommand) spec.root().userObject();
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** The settings from the environment ({@code .env} and config file in the working directory), and --data-dir. */
  Settings settings() {
    Settings settings = Settings.load(env, workDir);
    return dataDir == null ? settings : settings.withDataDir(workDir.resolve(dataDir));
  }

  Printer printer() {
    CommandLine cli = spec.commandLine();
    return new Printer(cli.getOut(), cli.getErr(), output);
  }

  /** A path given on the command line, relative to the working directory. */
  Path resolve(Path path) {
    return workDir.resolve(path);
  }

  /** The log settings of the (possibly injected) environment; checked before any command runs. */
  LogSettings logSettings() {
    return LogSettings.parse(env);
  }

  /** A variable of the (possibly injected) environment, or null if unset or blank. */
  String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  InputStream stdin() {
    return stdin;
  }

  /**
   * Opens the runtime and resolves who acts; the caller closes the session. A key that does not
   * authenticate ends the command with {@link ExitCodes#FORBIDDEN}.
   */
  Session openSession() {
    return openSession(settings());
  }

  /**
   * As {@link #openSession()}, with {@code extra} variables over the environment: how a command
   * points the gateway at services it started itself (e.g. the demo's FlowChat workers).
   */
  Session openSession(Map<String, String> extra) {
    Map<String, String> merged = new java.util.HashMap<>(env);
    merged.putAll(extra);
    Settings settings = Settings.load(merged, workDir);
    return openSession(dataDir == null ? settings : settings.withDataDir(workDir.resolve(dataDir)));
  }

  private Session openSession(Settings settings) {
    ToolgateRuntime runtime = ToolgateRuntime.open(settings);
    try {
      Principal principal = presentedKey().map(k -> authenticate(runtime, k)).orElse(Session.LOCAL_OPERATOR);
      return new Session(runtime, principal, requestId, printer());
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private Optional<String> presentedKey() {
    if (key != null) {
      return Optional.of(key);
    }
    return Optional.ofNullable(env("TOOLGATE_KEY")).map(String::trim);
  }

  private static Principal authenticate(ToolgateRuntime runtime, String presented) {
    return runtime
        .toolgate()
        .keys()
        .authenticate(presented)
        .orElseThrow(
            () ->
                new CliException(
                    ExitCodes.FORBIDDEN,
                    "the key given with --key (or TOOLGATE_KEY) is unknown or revoked"));
  }

  /** The version of the build, the same string the server's {@code /health} reports. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"toolgate " + ToolgateVersion.current()};
    }
  }
}
