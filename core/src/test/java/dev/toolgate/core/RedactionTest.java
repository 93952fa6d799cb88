package dev.toolgate.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.audit.Redaction;
import dev.toolgate.ports.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void masksDeclaredNamesAndCredentialLookalikesAtAnyDepth() {
    JsonNode value =
        Json.parse(
            """
            {"pin": "1234", "user": "ann",
             "items": [{"Access-Token": "t", "note": "keep"}], "nested": {"client_secret": "s"}}
            """);

    JsonNode redacted = Redaction.redact(value, Set.of("pin"));

    assertThat(redacted)
        .isEqualTo(
            Json.parse(
                """
                {"pin": "***", "user": "ann",
                 "items": [{"Access-Token": "***", "note": "keep"}], "nested": {"client_secret": "***"}}
                """));
  }

  @Test
  void declaredNamesAreMatchedExactly() {
    JsonNode redacted = Redaction.redact(Json.parse("{\"PIN\": \"1\", \"pin_hint\": \"2\"}"), Set.of("pin"));

    assertThat(redacted.path("PIN").asText()).isEqualTo("1");
    assertThat(redacted.path("pin_hint").asText()).isEqualTo("2");
  }

  @Test
  void leavesItsInputUntouchedAndPassesNullThrough() {
    JsonNode value = Json.parse("{\"password\": \"hunter2\", \"list\": [{\"token\": \"t\"}]}");
    String before = value.toString();

    JsonNode redacted = Redaction.redact(value, Set.of());

    assertThat(value.toString()).isEqualTo(before);
    assertThat(redacted.toString()).doesNotContain("hunter2").contains(Redaction.MASK);
    assertThat(Redaction.redact(null, Set.of())).isNull();
  }
}
