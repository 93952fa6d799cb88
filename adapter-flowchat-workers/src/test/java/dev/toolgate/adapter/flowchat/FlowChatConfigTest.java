package dev.toolgate.adapter.flowchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowChatConfigTest {
  @Test
  void namesTheBadSettingAndValue() {
    assertThatThrownBy(() -> FlowChatConfig.custom().build()).hasMessageContaining("SUPABASE_URL is required");
    assertThatThrownBy(() -> FlowChatConfig.custom().supabase("https://x.supabase.co", " ").build())
        .hasMessageContaining("SUPABASE_API_KEY");
    assertThatThrownBy(() -> FlowChatConfig.custom().supabase("https://x.supabase.co", "k")
        .workers("localhost:8001", null, null, null))
        .hasMessage("DATABASE_WORKER_URL 'localhost:8001' must be an absolute http(s) URL with a host");
    assertThatThrownBy(() -> FlowChatConfig.custom().supabase("https://x.supabase.co", "k")
        .workers(null, null, "ftp://files", null)).hasMessageContaining("STORAGE_WORKER_URL 'ftp://files'");
    assertThatThrownBy(() -> FlowChatConfig.custom().supabase("https://x.supabase.co", "k")
        .retries(0, Duration.ofMillis(1), Duration.ofMillis(2)).build()).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> FlowChatConfig.custom().supabase("https://x.supabase.co", "k")
        .approvalTools(Set.of("delete_everything")).build()).hasMessageContaining("'delete_everything'");
  }

  @Test
  void blankWorkerUrlsAreUnsetAndKeysNeverPrinted() {
    FlowChatConfig config = FlowChatConfig.custom().supabase("https://x.supabase.co/", "sb_secret_value")
        .workers("http://localhost:8001/", "", null, " ").workerAuthKey("worker_secret_value").build();
    assertThat(config.supabaseUrl()).hasToString("https://x.supabase.co");
    assertThat(config.databaseWorkerUrl()).hasValueSatisfying(u -> assertThat(u).hasToString("http://localhost:8001"));
    assertThat(config.documentWorkerUrl()).isEmpty();
    assertThat(config.emailWorkerUrl()).isEmpty();
    assertThat(config.approvalTools()).isEqualTo(FlowChatConfig.DEFAULT_APPROVAL_TOOLS);
    assertThat(config.toString()).doesNotContain("sb_secret_value").doesNotContain("worker_secret_value");
  }
}
