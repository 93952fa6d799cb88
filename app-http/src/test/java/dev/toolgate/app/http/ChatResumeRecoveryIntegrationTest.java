package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.llm.testing.ProviderStandIn;
import dev.toolgate.adapter.llm.testing.ScriptedReplies;
import dev.toolgate.ports.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that stops between an approval's decision and the chat turn's resume leaves the turn
 * paused in the SQLite file; the next start resumes it, once, and later starts leave it alone.
 */
class ChatResumeRecoveryIntegrationTest {
  @TempDir Path workDir;

  private final ProviderStandIn model = new ProviderStandIn();
  private final ScriptedReplies openAi = ScriptedReplies.openAi("gpt-6-luna");
  private TestGateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    model.close();
  }

  @Test
  void aTurnWhoseApprovalWasDecidedWhileNothingResumedItFinishesOnceAfterARestart() throws Exception {
    gateway = TestGateway.start(workDir, Map.of("OPENAI_BASE_URL", model.baseUrl("/v1"), "TOOLGATE_LLM_MODEL", "gpt-6-luna"));
    String agent = gateway.createKey("chat-agent", "agent").secret();
    String approver = gateway.createKey("chat-approver", "approver").secret();
    ObjectNode change = Json.object().put("customer_id", "cus_003").put("status", "at_risk").put("reason", "asked");
    model.then(
        openAi.toolCall("call_1", "update_customer_status", change, false),
        openAi.text(false, "Customer cus_003 is now at_risk."));
    ObjectNode question = Json.object().put("client_key", "demo").put("text", "Mark cus_003 at risk");
    TestGateway.Reply paused = gateway.post("/chat", agent, Json.write(question));
    assertThat(paused.status()).as(paused.raw()).isEqualTo(200);
    String sessionId = paused.json().path("session_id").asText();
    String approvalId = paused.json().at("/evidence/paused_for_approval").asText();

    // The crash: the decision is stored, but the process stops before the turn goes on.
    gateway.runtime.chatResumes().stop(Duration.ZERO);
    TestGateway.Reply decided = gateway.post("/confirm/" + approvalId, approver, "{\"decision\":\"approve\"}");
    assertThat(decided.status()).as(decided.raw()).isEqualTo(200);
    assertThat(turns(sessionId)).as("nothing resumed the turn").hasSize(1);

    gateway.restart();

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (turns(sessionId).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    JsonNode turns = turns(sessionId);
    assertThat(turns).as(turns.toString()).hasSize(2);
    assertThat(turns.get(1).path("answer").asText()).startsWith("Customer cus_003 is now at_risk.");
    assertThat(turns.get(1).at("/evidence/resumes_turn").asText()).isEqualTo(turns.get(0).path("turn_id").asText());
    assertThat(turns.get(1).at("/evidence/approval_decision").asText()).isEqualTo("approved");

    gateway.restart();
    Thread.sleep(300);
    assertThat(turns(sessionId)).as("a later start resumes nothing again").hasSize(2);
    assertThat(model.requests()).as("the model was asked once before the pause and once after").hasSize(2);
  }

  private JsonNode turns(String sessionId) {
    TestGateway.Reply history = gateway.get("/chat/sessions/" + sessionId, gateway.adminKey);
    assertThat(history.status()).as(history.raw()).isEqualTo(200);
    return history.json().path("turns");
  }
}
