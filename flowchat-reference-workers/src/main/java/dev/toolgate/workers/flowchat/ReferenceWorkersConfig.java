package dev.toolgate.workers.flowchat;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the reference workers. Ports of 0 mean "any free port".
 *
 * @param dataDir where {@code flowchat-workers.db} and the stored files ({@code files/}) live
 * @param host the address to bind, loopback by default
 * @param rpcPort the Supabase-RPC stand-in ({@code SUPABASE_URL})
 * @param databasePort the database worker ({@code DATABASE_WORKER_URL})
 * @param documentPort the document worker ({@code DOCUMENT_WORKER_URL})
 * @param storagePort the storage worker ({@code STORAGE_WORKER_URL})
 * @param emailPort the email worker ({@code EMAIL_WORKER_URL})
 * @param workerAuthKey the {@code X-FlowChat-Worker-Auth} value every worker requires; null = no check
 * @param supabaseApiKey the {@code apikey} the RPC stand-in accepts; null = any non-empty key
 * @param smtpHost SMTP server of the email worker
 * @param smtpPort its port
 * @param mailFrom the From address of sent mail
 * @param publicBaseUrl base of stored files' {@code public_url}; null = the storage worker's own URL
 */
public record ReferenceWorkersConfig(
    Path dataDir,
    String host,
    int rpcPort,
    int databasePort,
    int documentPort,
    int storagePort,
    int emailPort,
    String workerAuthKey,
    String supabaseApiKey,
    String smtpHost,
    int smtpPort,
    String mailFrom,
    String publicBaseUrl) {

  public ReferenceWorkersConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(smtpHost, "smtpHost");
    Objects.requireNonNull(mailFrom, "mailFrom");
    for (int p : new int[] {rpcPort, databasePort, documentPort, storagePort, emailPort, smtpPort}) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, got " + p);
      }
    }
    if (workerAuthKey != null && workerAuthKey.isBlank()) {
      throw new IllegalArgumentException("workerAuthKey must be null (no check) or non-blank");
    }
    if (publicBaseUrl != null && publicBaseUrl.endsWith("/")) {
      publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
    }
  }

  /** Defaults: loopback, any free ports, no worker auth, any apikey, SMTP on localhost:2525. */
  public static ReferenceWorkersConfig defaults(Path dataDir) {
    return new ReferenceWorkersConfig(dataDir, "127.0.0.1", 0, 0, 0, 0, 0, null, null, "localhost", 2525,
        "factures@flowchat.example", null);
  }

  /** The seed's ports: 8001-8004 for the workers, as in its {@code .env.example}, 54321 for RPC. */
  public ReferenceWorkersConfig withSeedPorts() {
    return new ReferenceWorkersConfig(dataDir, host, 54321, 8001, 8002, 8003, 8004, workerAuthKey, supabaseApiKey,
        smtpHost, smtpPort, mailFrom, publicBaseUrl);
  }

  public ReferenceWorkersConfig withWorkerAuthKey(String key) {
    return new ReferenceWorkersConfig(dataDir, host, rpcPort, databasePort, documentPort, storagePort, emailPort, key,
        supabaseApiKey, smtpHost, smtpPort, mailFrom, publicBaseUrl);
  }

  public ReferenceWorkersConfig withSupabaseApiKey(String key) {
    return new ReferenceWorkersConfig(dataDir, host, rpcPort, databasePort, documentPort, storagePort, emailPort,
        workerAuthKey, key, smtpHost, smtpPort, mailFrom, publicBaseUrl);
  }

  public ReferenceWorkersConfig withSmtp(String smtpHost, int smtpPort, String mailFrom) {
    return new ReferenceWorkersConfig(dataDir, host, rpcPort, databasePort, documentPort, storagePort, emailPort,
        workerAuthKey, supabaseApiKey, smtpHost, smtpPort, mailFrom, publicBaseUrl);
  }

  public ReferenceWorkersConfig withPublicBaseUrl(String url) {
    return new ReferenceWorkersConfig(dataDir, host, rpcPort, databasePort, documentPort, storagePort, emailPort,
        workerAuthKey, supabaseApiKey, smtpHost, smtpPort, mailFrom, url);
  }
}
