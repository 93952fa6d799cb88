package dev.toolgate.core.chat;

import dev.toolgate.ports.marketing.DateRange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * How numbers and days read in answers: English, grouped thousands, money in the account's currency
 * with its usual decimals ({@code $18,420.50}, {@code €1,234.00}, {@code ¥98,000}), rates as percentages
 * with one decimal ({@code 41.2%}), days as {@code Mon 26 Oct 2026}.
 */
final class Formats {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern(" uuuu", Locale.ENGLISH);

  private Formats() {}

  static String money(BigDecimal amount, Currency currency) {
    NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
    format.setCurrency(currency);
    format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
    format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
    format.setRoundingMode(RoundingMode.HALF_EVEN);
    return format.format(amount);
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  /** Relative change of {@code now} against {@code before}: {@code +12.3%}, {@code -4.0%}, {@code new} or {@code no change}. */
  static String change(BigDecimal now, BigDecimal before) {
    if (before.signum() == 0) {
      return now.signum() == 0 ? "no change" : "new";
    }
    double pct = now.subtract(before).doubleValue() / before.doubleValue() * 100;
    return String.format(Locale.ROOT, "%+.1f%%", pct);
  }

  /** Difference of two rates in percentage points: {@code +2.2 pts}. */
  static String points(double now, double before) {
    return String.format(Locale.ROOT, "%+.1f pts", (now - before) * 100);
  }

  static String plural(long n, String singular) {
    return n == 1 ? singular : singular + "s";
  }

  /** {@code Thu 5 Nov 2026}, or {@code Mon 26 Oct – Sun 1 Nov 2026} (years shown on both ends when they differ). */
  static String days(DateRange range) {
    LocalDate first = range.start();
    LocalDate last = range.endInclusive();
    if (first.equals(last)) {
      return first.format(DAY) + first.format(YEAR);
    }
    String start = first.format(DAY) + (first.getYear() == last.getYear() ? "" : first.format(YEAR));
    return start + " – " + last.format(DAY) + last.format(YEAR);
  }
}
