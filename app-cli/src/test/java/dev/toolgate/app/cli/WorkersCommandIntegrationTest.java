package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toolgate workers} starts the reference workers and prints the settings to export. */
class WorkersCommandIntegrationTest {
  @TempDir Path temp;

  @Test
  void printsTheSeedsSettingsForTheRunningWorkers() {
    CliHarness.Result result = new CliHarness(temp).env("WORKER_AUTH_KEY", "wk-cli-test").run("workers", "--once");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("export SUPABASE_URL=http://127.0.0.1:", "export DATABASE_WORKER_URL=",
        "export DOCUMENT_WORKER_URL=", "export STORAGE_WORKER_URL=", "export EMAIL_WORKER_URL=",
        "export WORKER_AUTH_KEY=wk-cli-test", "export SUPABASE_API_KEY=local-");
    assertThat(Files.exists(temp.resolve("data/flowchat-workers/flowchat-workers.db"))).isTrue();
  }

  @Test
  void onceStopsTheWorkersItStarted() throws Exception {
    CliHarness.Result result = new CliHarness(temp).run("workers", "--once");
    String url = result.out().lines().filter(l -> l.startsWith("export DATABASE_WORKER_URL="))
        .findFirst().orElseThrow().substring("export DATABASE_WORKER_URL=".length());
    HttpClient http = HttpClient.newHttpClient();
    assertThat(URI.create(url).getPort()).isPositive();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(
        HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }
}
