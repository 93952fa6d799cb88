package dev.toolgate.workers.flowchat;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Euros as integer cents and VAT rates as hundredths of a percent, with exact conversions. */
final class Money {
  private Money() {}

  /** The rates French invoices may carry (CGI art. 278 ff.): 20, 10, 5.5, 2.1 and 0 %. */
  static final java.util.Set<Long> FRENCH_VAT_RATES_BP = java.util.Set.of(2000L, 1000L, 550L, 210L, 0L);

  /** Cents for a decimal amount, or {@code null} when it has more than two decimals. */
  static Long cents(BigDecimal euros) {
    try {
      return euros.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  static BigDecimal euros(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  /** Hundredths of a percent for a rate such as 5.5, or {@code null} when finer than that. */
  static Long basisPoints(BigDecimal percent) {
    try {
      return percent.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** 2000 → 20.0, 550 → 5.5: the rate as people write it, always with one decimal at least. */
  static BigDecimal percent(long basisPoints) {
    BigDecimal p = BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros();
    return p.scale() < 1 ? p.setScale(1) : p;
  }

  /** VAT on an amount, rounded half-up to the cent as French invoices are. */
  static long vat(long htCents, long rateBp) {
    return BigDecimal.valueOf(htCents)
        .multiply(BigDecimal.valueOf(rateBp))
        .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  /** "1 234,56 €" for PDFs. */
  static String format(long cents) {
    java.text.NumberFormat nf = java.text.NumberFormat.getNumberInstance(java.util.Locale.FRANCE);
    nf.setMinimumFractionDigits(2);
    nf.setMaximumFractionDigits(2);
    // The French locale groups with a narrow no-break space that the standard PDF fonts cannot draw.
    return nf.format(euros(cents)).replace('\u202f', ' ').replace('\u00a0', ' ') + " EUR";
  }
}
