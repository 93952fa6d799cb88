package dev.toolgate.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this build of Toolgate, as {@code /health}, the server's start-up line and the
 * CLI's {@code --version} report it. Maven writes it into a resource of this module at build time,
 * so every face reads the same string.
 */
public final class ToolgateVersion {
  private static final String CURRENT = read();

  private ToolgateVersion() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when run from unfiltered classes. */
  public static String current() {
    return CURRENT;
  }

  private static String read() {
    try (InputStream in = ToolgateVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
