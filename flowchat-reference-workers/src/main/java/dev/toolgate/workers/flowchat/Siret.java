package dev.toolgate.workers.flowchat;

/**
 * SIRET numbers: 14 digits whose Luhn checksum is valid (INSEE). La Poste's establishments
 * (SIREN 356000000) use a different rule — digit sum divisible by 5 — and are accepted too.
 */
final class Siret {
  private Siret() {}

  /** Why {@code siret} is not a valid SIRET, or {@code null} when it is. */
  static String problem(String siret) {
    if (siret == null || !siret.matches("\\d{14}")) {
      return "SIRET must be exactly 14 digits, got \"" + siret + "\"";
    }
    if (siret.startsWith("356000000")) {
      int sum = siret.chars().map(c -> c - '0').sum();
      return sum % 5 == 0 ? null : "SIRET checksum is invalid for \"" + siret + "\" (La Poste rule)";
    }
    return luhnValid(siret) ? null : "SIRET checksum (Luhn) is invalid for \"" + siret + "\"";
  }

  static boolean luhnValid(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }
}
