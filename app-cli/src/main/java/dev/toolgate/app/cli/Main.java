package dev.toolgate.app.cli;

/** Entry point of {@code java -jar toolgate.jar}: runs the command line and exits with its code. */
public final class Main {
  /** Logback's system property naming its configuration; a user's own choice is kept. */
  private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

  private Main() {}

  public static void main(String[] args) {
    // Must be set before anything logs: app-http's logback.xml writes to stdout, which is the
    // CLI's data channel.
    if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
      System.setProperty(
          LOGBACK_CONFIGURATION, LogSettings.configurationFor(System.getenv(), LogSettings.onTerminal()));
    }
    int exitCode = ToolgateCommand.commandLine(new ToolgateCommand(), args).execute(args);
    System.exit(exitCode);
  }
}
