package dev.toolgate.workers.flowchat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The FlowChat reference workers, running: a Supabase-RPC stand-in and the database, document,
 * storage and email workers, each on its own loopback port (as the seed's {@code
 * DATABASE_WORKER_URL=http://localhost:8001} … settings expect), over one SQLite file with sample
 * data. Start with {@link #start}, read the URLs, {@link #close} when done.
 */
public final class ReferenceWorkers implements AutoCloseable {
  /** Reported by every {@code /health}. */
  public static final String VERSION = "1.0.0";

  private final WorkerDatabase db;
  private final RpcEndpoint rpc;
  private final WorkerServer database;
  private final WorkerServer document;
  private final WorkerServer storage;
  private final WorkerServer email;

  private ReferenceWorkers(ReferenceWorkersConfig config, Clock clock) {
    db = new WorkerDatabase(config.dataDir().resolve("flowchat-workers.db"));
    try {
      db.transaction(d -> {
        Schema.create(d);
        return null;
      });
      SampleData.loadIfEmpty(db, clock);
      IdempotencyStore idem = new IdempotencyStore(db);
      RpcFunctions functions = new RpcFunctions(clock);
      String key = config.workerAuthKey();
      rpc = new RpcEndpoint(db, functions, config.host(), config.rpcPort(), config.supabaseApiKey());
      FactureWrites factures = new FactureWrites(db, clock);
      CrmWrites crm = new CrmWrites(db, clock);
      database = new WorkerServer("database", config.host(), config.databasePort(), key, idem, List.of(
          WorkerServer.Route.write("POST", "/facture/create", factures::create),
          WorkerServer.Route.write("POST", "/facture/update", factures::update),
          WorkerServer.Route.write("POST", "/facture/delete", factures::delete),
          WorkerServer.Route.write("POST", "/facture/mark-paid", factures::markPaid),
          WorkerServer.Route.write("POST", "/entreprise/upsert", crm::upsertEntreprise),
          WorkerServer.Route.write("POST", "/qualification/upsert", crm::upsertQualification)));
      document = new WorkerServer("document", config.host(), config.documentPort(), key, idem,
          new DocumentWorker(db, functions).routes());
      StorageWorker[] holder = new StorageWorker[1];
      WorkerServer[] storageServer = new WorkerServer[1];
      holder[0] = new StorageWorker(config.dataDir().resolve("files"), () -> config.publicBaseUrl() != null
          ? config.publicBaseUrl() : storageServer[0].baseUri().toString());
      storage = new WorkerServer("storage", config.host(), config.storagePort(), key, idem, holder[0].routes());
      storageServer[0] = storage;
      email = new WorkerServer("email", config.host(), config.emailPort(), key, idem,
          new EmailWorker(db, config.smtpHost(), config.smtpPort(), config.mailFrom(), clock).routes());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts everything; throws {@link IllegalStateException} naming what could not start. */
  public static ReferenceWorkers start(ReferenceWorkersConfig config) {
    return new ReferenceWorkers(config, Clock.systemDefaultZone());
  }

  public URI supabaseUrl() {
    return rpc.baseUri();
  }

  public URI databaseWorkerUrl() {
    return database.baseUri();
  }

  public URI documentWorkerUrl() {
    return document.baseUri();
  }

  public URI storageWorkerUrl() {
    return storage.baseUri();
  }

  public URI emailWorkerUrl() {
    return email.baseUri();
  }

  /** The gateway settings that point at these workers, by the seed's names, in a stable order. */
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("SUPABASE_URL", supabaseUrl().toString());
    s.put("DATABASE_WORKER_URL", databaseWorkerUrl().toString());
    s.put("DOCUMENT_WORKER_URL", documentWorkerUrl().toString());
    s.put("STORAGE_WORKER_URL", storageWorkerUrl().toString());
    s.put("EMAIL_WORKER_URL", emailWorkerUrl().toString());
    return s;
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {email, storage, document, database, rpc, db}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception ignored) {
          // keep closing the others
        }
      }
    }
  }

  /**
   * Runs the workers until interrupted: {@code java … ReferenceWorkers [dataDir]}, on the seed's
   * ports (8001-8004, RPC on 54321). {@code WORKER_AUTH_KEY}, {@code SUPABASE_API_KEY}, {@code
   * SMTP_HOST}, {@code SMTP_PORT} and {@code MAIL_FROM} are read from the environment when set.
   */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env = System.getenv();
    ReferenceWorkersConfig config = ReferenceWorkersConfig.defaults(Path.of(args.length > 0 ? args[0] : "data/flowchat"))
        .withSeedPorts()
        .withWorkerAuthKey(env.get("WORKER_AUTH_KEY"))
        .withSupabaseApiKey(env.get("SUPABASE_API_KEY"))
        .withSmtp(env.getOrDefault("SMTP_HOST", "localhost"),
            Integer.parseInt(env.getOrDefault("SMTP_PORT", "2525")),
            env.getOrDefault("MAIL_FROM", "factures@flowchat.example"));
    ReferenceWorkers workers = start(config);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      workers.close();
      stop.countDown();
    }));
    System.out.println("FlowChat reference workers running (sample data). Export:");
    workers.settings().forEach((k, v) -> System.out.println(k + "=" + v));
    stop.await();
  }
}
