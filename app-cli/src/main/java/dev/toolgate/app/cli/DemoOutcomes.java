package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.call.ToolOutcome;
import java.util.List;

/** What both demo scenarios (support desk, FlowChat) read from their calls and how they end. */
final class DemoOutcomes {
  private DemoOutcomes() {}

  /** The call ran now (not a replay of a stored outcome). */
  static boolean isFresh(ToolOutcome outcome) {
    return outcome.isSuccess() && !isReplay(outcome);
  }

  /** The call was answered from its idempotency record. */
  static boolean isReplay(ToolOutcome outcome) {
    return outcome.isSuccess() && ((ToolOutcome.Succeeded) outcome).idempotentReplay();
  }

  /** The structured result of a successful call. */
  static JsonNode resultOf(ToolOutcome outcome) {
    return ((ToolOutcome.Succeeded) outcome).result().structured();
  }

  /** Names each expectation that did not hold on stderr; the exit code says whether all did. */
  static int exitCode(Printer printer, List<DemoRun.Expectation> expectations) {
    expectations.stream()
        .filter(e -> !e.met())
        .forEach(e -> printer.note("toolgate: demo expectation failed: " + e.description()));
    return expectations.stream().allMatch(DemoRun.Expectation::met) ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
