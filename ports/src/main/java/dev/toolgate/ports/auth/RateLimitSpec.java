package dev.toolgate.ports.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A token-bucket limit: at most {@code permits} calls per {@code period}.
 *
 * <p>Text form: {@code N/second}, {@code N/minute}, {@code N/hour} (also {@code s}, {@code min},
 * {@code m}, {@code h}, or an ISO-8601 duration such as {@code PT30S}), or a bare {@code N} meaning per minute — as seed deployments write
 * {@code RATE_LIMIT}.
 */
public record RateLimitSpec(int permits, Duration period) {
  public RateLimitSpec {
    Objects.requireNonNull(period, "period");
    if (permits < 1) {
      throw new IllegalArgumentException("rate limit permits must be at least 1, got " + permits);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("rate limit period must be positive, got " + period);
    }
  }

  public static RateLimitSpec perMinute(int permits) {
    return new RateLimitSpec(permits, Duration.ofMinutes(1));
  }

  /** Parses the text form; throws {@link IllegalArgumentException} quoting the bad value. */
  public static RateLimitSpec parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    String count = value;
    Duration period = Duration.ofMinutes(1);
    int slash = value.indexOf('/');
    if (slash >= 0) {
      count = value.substring(0, slash).trim();
      period =
          switch (value.substring(slash + 1).trim()) {
            case "s", "sec", "second" -> Duration.ofSeconds(1);
            case "m", "min", "minute" -> Duration.ofMinutes(1);
            case "h", "hour" -> Duration.ofHours(1);
            default -> isoPeriod(text, value.substring(slash + 1).trim());
          };
    }
    try {
      return new RateLimitSpec(Integer.parseInt(count), period);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "rate limit '" + text + "' must look like 200/minute, 10/second or 200", e);
    }
  }

  /** Other periods are written (by {@link #toString()}) and read in ISO-8601 form, e.g. {@code 5/PT30S}. */
  private static Duration isoPeriod(String text, String period) {
    try {
      return Duration.parse(period.toUpperCase(Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "rate limit '" + text + "' has an unknown period (use second, minute, hour or ISO-8601 like PT30S)",
          e);
    }
  }

  @Override
  public String toString() {
    String unit =
        period.equals(Duration.ofSeconds(1))
            ? "second"
            : period.equals(Duration.ofMinutes(1))
                ? "minute"
                : period.equals(Duration.ofHours(1)) ? "hour" : period.toString();
    return permits + "/" + unit;
  }
}
