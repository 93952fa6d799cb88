package dev.toolgate.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.toolgate.app.http.Settings;
import dev.toolgate.app.http.StoreSettings;
import dev.toolgate.app.http.ToolgateRuntime;
import dev.toolgate.app.http.ToolgateServer;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code toolgate serve}: runs the HTTP server until SIGINT or SIGTERM. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the HTTP server until interrupted (Ctrl-C or SIGTERM): the REST API, and MCP (Streamable HTTP)"
          + " at /mcp on the same port.",
      "On a store without an admin key, one is generated and printed once: save it.",
      "Prints 'listening on http://HOST:PORT' (127.0.0.1 by default) once it accepts"
          + " connections; stopping drains in-flight calls before closing the store.",
      "Logs go to stderr: readable lines on a terminal, JSON lines otherwise (TOOLGATE_LOG_FORMAT=text|json).",
      "If the port is taken or the address is not this machine's, it says so and exits with code 11."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "Port to listen on (default: the PORT setting, else 8080); 0 picks a free port.")
  private Integer port;

  @Option(
      names = "--exit-when-ready",
      description = {
        "Start, ask the server's own /healthz once, then stop and exit: 0 if it answered 200, else 11.",
        "Checks the settings, the store and the port without leaving a server running; the launcher's"
            + " class-data training runs it."
      })
  private boolean exitWhenReady;

  @Override
  public Integer call() throws InterruptedException {
    if (port != null && (port < 0 || port > 65535)) {
      throw new ParameterException(spec.commandLine(), "--port must be 0-65535, got " + port);
    }
    ToolgateCommand top = ToolgateCommand.of(spec);
    Settings settings = top.settings();
    if (port != null) {
      settings = settings.withPort(port);
    }
    if (top.env(LogSettings.LEVEL) == null) {
      logAtInfo();
    }
    if (!top.logSettings().accessLog()) {
      setLevel(LogSettings.ACCESS_LOGGER, Level.OFF);
    }
    Printer printer = top.printer();
    ToolgateRuntime runtime = ToolgateRuntime.open(settings);
    ToolgateServer server;
    try {
      runtime
          .bootstrapAdmin()
          .ifPresentOrElse(
              admin -> {
                printer.line("admin key: " + admin.secret());
                printer.line("save this admin key now: it will not be shown again");
              },
              () -> printer.note(adminKeyReminder(runtime.settings())));
      server = ToolgateServer.start(runtime);
      // A long-lived face: purge expired state while it runs (stopped when the runtime closes).
      runtime.toolgate().maintenance().start();
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    if (exitWhenReady) {
      printer.line(stateLocation(settings));
      return checkThenStop(settings, server, runtime, printer);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } finally {
                    runtime.close();
                    stopped.countDown();
                  }
                },
                "toolgate-shutdown"));
    printer.line(stateLocation(settings));
    printer.line("listening on http://" + reachableHost(settings.host()) + ":" + server.port());
    stopped.await();
    return ExitCodes.OK;
  }

  /** {@code --exit-when-ready}: one request to {@code /healthz}, as a probe would make, then a normal stop. */
  private static int checkThenStop(Settings settings, ToolgateServer server, ToolgateRuntime runtime, Printer printer) {
    String host = reachableHost(settings.host());
    try {
      int status = ReadyProbe.healthzStatus(host, server.port());
      printer.line("listening on http://" + host + ":" + server.port() + "; /healthz answered " + status + ", stopping");
      return status == 200 ? ExitCodes.OK : ExitCodes.START_FAILED;
    } catch (IOException e) {
      printer.note("/healthz did not answer: " + e.getMessage());
      return ExitCodes.START_FAILED;
    } finally {
      try {
        server.close();
      } finally {
        runtime.close();
      }
    }
  }

  /** Where the state is, as the first thing an operator checks after a start. */
  static String stateLocation(Settings settings) {
    return settings.store().kind() == StoreSettings.Kind.FIRESTORE
        ? "state: Firestore " + settings.store().firestore().describe()
        : "data directory: " + settings.dataDir().toAbsolutePath();
  }

  /** Said on every start but the first, so that an operator who lost the key knows how to get one. */
  static String adminKeyReminder(Settings settings) {
    String dataDir =
        settings.store().kind() == StoreSettings.Kind.FIRESTORE
            ? ""
            : " --data-dir " + settings.dataDir().toAbsolutePath();
    return "an admin key already exists (it was printed on the first start); if it is lost, create another with:"
        + " toolgate" + dataDir + " keys create --name admin --role admin";
  }

  /** Where a client on this machine reaches a server bound to {@code host}; a wildcard means every interface. */
  static String reachableHost(String host) {
    if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      return "127.0.0.1";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** A server's start-up and request lines are what its operator watches; other commands log warnings only. */
  private static void logAtInfo() {
    setLevel(Logger.ROOT_LOGGER_NAME, Level.INFO);
  }

  private static void setLevel(String logger, Level level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.getLogger(logger).setLevel(level);
    }
  }
}
