package dev.toolgate.app.cli;

import dev.toolgate.app.http.SettingsException;
import java.io.Console;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the CLI logs, from three environment variables: {@code TOOLGATE_LOG_LEVEL} (trace, debug, info,
 * warn, error, off), {@code TOOLGATE_LOG_FORMAT} ({@code text} for people, {@code json} for
 * machines; by default text on a terminal, JSON otherwise) and {@code TOOLGATE_ACCESS_LOG}
 * ({@code on}, the default, or {@code off}: the one line per HTTP request of {@code serve}). Logback
 * reads them before any settings file is, so they come from the environment only.
 *
 * @param level the level asked for, lower-case, or null for the command's default
 * @param format the format asked for, or null to decide by whether a person is watching
 * @param accessLog whether {@code serve} logs a line per request
 */
record LogSettings(String level, Format format, boolean accessLog) {
  static final String LEVEL = "TOOLGATE_LOG_LEVEL";
  static final String FORMAT = "TOOLGATE_LOG_FORMAT";
  static final String ACCESS_LOG = "TOOLGATE_ACCESS_LOG";

  /** The logger of the access log (see app-http's {@code RequestLifecycle}). */
  static final String ACCESS_LOGGER = "dev.toolgate.http.access";

  private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");
  private static final String JSON_CONFIG = "dev/toolgate/app/cli/logback-cli.xml";
  private static final String TEXT_CONFIG = "dev/toolgate/app/cli/logback-cli-text.xml";

  /** The two log formats. */
  enum Format {
    TEXT,
    JSON
  }

  /**
   * Reads both variables.
   *
   * @throws SettingsException naming each variable whose value is not one of the allowed ones
   */
  static LogSettings parse(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    String level = value(env, LEVEL);
    if (level != null && !LEVELS.contains(level)) {
      problems.add(LEVEL + " must be one of trace, debug, info, warn, error or off, got '" + env.get(LEVEL).trim()
          + "' (from environment)");
      level = null;
    }
    String formatText = value(env, FORMAT);
    Format format = null;
    if (formatText != null) {
      switch (formatText) {
        case "text" -> format = Format.TEXT;
        case "json" -> format = Format.JSON;
        default -> problems.add(
            FORMAT + " must be text or json, got '" + env.get(FORMAT).trim() + "' (from environment)");
      }
    }
    String accessLog = value(env, ACCESS_LOG);
    if (accessLog != null && !accessLog.equals("on") && !accessLog.equals("off")) {
      problems.add(ACCESS_LOG + " must be on or off, got '" + env.get(ACCESS_LOG).trim() + "' (from environment)");
    }
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
    return new LogSettings(level, format, !"off".equals(accessLog));
  }

  /**
   * The logback configuration resource for these settings: bad values fall back to the defaults here,
   * since logging starts before the command line can report them (it then exits with code 10).
   */
  static String configurationFor(Map<String, String> env, boolean terminal) {
    Format format;
    try {
      format = parse(env).format();
    } catch (SettingsException e) {
      format = null;
    }
    if (format == null) {
      format = terminal ? Format.TEXT : Format.JSON;
    }
    return format == Format.TEXT ? TEXT_CONFIG : JSON_CONFIG;
  }

  /**
   * Whether a person is probably watching: Java cannot ask about stderr itself, so this asks whether
   * the process has an interactive console (JDK 22+ says so with {@code Console.isTerminal()}; before,
   * a console exists only when stdin and stdout are terminals). A pipe, a file or an MCP client is not.
   */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 17-21: a console is only there on a terminal
    }
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
  }
}
