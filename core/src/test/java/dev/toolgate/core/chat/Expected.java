package dev.toolgate.core.chat;

import dev.toolgate.ports.marketing.PerformanceStats;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * What the answer should say, computed here from the raw rows independently of the code under test:
 * plain sums for counts and money, delivered-weighted means for rates, and English formatting.
 */
record Expected(long count, long recipients, long delivered, long conversions, BigDecimal revenue, double openRate,
    double clickRate) {

  static Expected of(List<PerformanceStats> rows) {
    long recipients = 0;
    long delivered = 0;
    long conversions = 0;
    BigDecimal revenue = BigDecimal.ZERO;
    double uniqueOpens = 0;
    double uniqueClicks = 0;
    for (PerformanceStats row : rows) {
      recipients += row.recipients();
      delivered += row.delivered();
      conversions += row.conversions();
      revenue = revenue.add(row.revenue());
      uniqueOpens += row.openRate() * row.delivered();
      uniqueClicks += row.clickRate() * row.delivered();
    }
    return new Expected(
        rows.size(), recipients, delivered, conversions, revenue,
        delivered == 0 ? 0 : uniqueOpens / delivered, delivered == 0 ? 0 : uniqueClicks / delivered);
  }

  static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  static String money(BigDecimal amount, String currency) {
    NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
    format.setCurrency(Currency.getInstance(currency));
    return format.format(amount);
  }

  static String percent(double fraction) {
    return String.format(Locale.US, "%.1f%%", fraction * 100);
  }
}
