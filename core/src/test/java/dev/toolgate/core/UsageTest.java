package dev.toolgate.core;

import static dev.toolgate.core.Fixture.call;
import static dev.toolgate.core.Fixture.clientAgent;
import static dev.toolgate.core.Fixture.principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.UsageRow;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsageTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  private final Fixture fixture = new Fixture();
  private final Principal operator = principal("op", Role.OPERATOR);

  UsageTest() {
    fixture.tools
        .read("lookup")
        .approvalWrite("suspend_customer")
        .add("missing", ToolCategory.READ, ToolAnnotations.read(), TestTools.ANY_OBJECT, invocation -> {
          throw new NotFoundException("gone");
        });
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void countsCallsAndErrorsPerClientToolAndUtcDay() {
    Toolgate gateway = fixture.gateway();
    call(gateway, clientAgent("a", "acme"), "lookup", "{}");
    call(gateway, clientAgent("a", "acme"), "lookup", "{}");
    call(gateway, clientAgent("a", "acme"), "missing", "{}");
    call(gateway, clientAgent("a", "acme"), "suspend_customer", "{}");
    fixture.clock.advance(Duration.ofDays(1));
    call(gateway, clientAgent("a", "acme"), "lookup", "[]");

    List<UsageRow> rows = gateway.usage().query(operator, DAY, DAY.plusDays(1), null);

    assertThat(rows).extracting(UsageRow::day, UsageRow::tool, UsageRow::calls, UsageRow::errors)
        .containsExactly(
            tuple(DAY, "lookup", 2L, 0L),
            tuple(DAY, "missing", 1L, 1L),
            tuple(DAY, "suspend_customer", 1L, 0L),
            tuple(DAY.plusDays(1), "lookup", 1L, 1L));
    assertThat(rows).allSatisfy(row -> assertThat(row.clientKey()).isEqualTo("acme"));
  }

  @Test
  void readingUsageNeedsOperatorAndStaysInTheClientScope() {
    Toolgate gateway = fixture.gateway();
    call(gateway, clientAgent("a", "acme"), "lookup", "{}");
    call(gateway, clientAgent("b", "globex"), "lookup", "{}");
    Principal acmeOperator = new Principal("o", "o", Set.of(Role.OPERATOR), "acme", Set.of(), Set.of(), null);

    assertThatThrownBy(() -> gateway.usage().query(clientAgent("a", "acme"), DAY, DAY, null))
        .isInstanceOf(ForbiddenException.class);
    assertThat(gateway.usage().query(acmeOperator, DAY, DAY, null)).extracting(UsageRow::clientKey)
        .containsExactly("acme");
    assertThat(gateway.usage().query(acmeOperator, DAY, DAY, "globex")).isEmpty();
    assertThat(gateway.usage().query(operator, DAY, DAY, null)).hasSize(2);
  }
}
