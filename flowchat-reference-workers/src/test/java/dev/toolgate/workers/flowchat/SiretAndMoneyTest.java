package dev.toolgate.workers.flowchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SiretAndMoneyTest {
  @Test
  void acceptsLuhnValidSiretsAndNamesTheProblemOtherwise() {
    assertThat(Siret.problem("73282932000074")).isNull();
    assertThat(Siret.problem("81234567800013")).isNull();
    assertThat(Siret.problem("81234567800014")).isEqualTo("SIRET checksum (Luhn) is invalid for \"81234567800014\"");
    assertThat(Siret.problem("1234")).isEqualTo("SIRET must be exactly 14 digits, got \"1234\"");
    assertThat(Siret.problem("35600000000015")).isNull(); // La Poste: digit sum divisible by 5
  }

  @Test
  void vatIsRoundedHalfUpToTheCent() {
    assertThat(Money.vat(120000, 2000)).isEqualTo(24000);
    assertThat(Money.vat(1005, 550)).isEqualTo(55); // 55.275 cents -> 55
    assertThat(Money.vat(1010, 550)).isEqualTo(56); // 55.55 -> 56
    assertThat(Money.cents(new BigDecimal("12.345"))).isNull();
    assertThat(Money.percent(550)).isEqualByComparingTo("5.5");
    assertThat(Money.percent(2000).toPlainString()).isEqualTo("20.0");
  }
}
