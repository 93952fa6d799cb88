package dev.toolgate.app.http;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import dev.toolgate.adapter.firestore.FirestoreCredentialsException;
import dev.toolgate.adapter.flowchat.FlowChatToolProvider;
import dev.toolgate.adapter.mcp.UpstreamStatus;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.auth.IssuedKey;
import dev.toolgate.ports.mcp.McpPassthrough;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.StateStores;
import dev.toolgate.ports.support.SupportDesk;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway and its stores, opened from {@link Settings}: what both the server and the CLI run on.
 * Closing it stops the gateway's execution threads, then closes the stores.
 */
public final class ToolgateRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ToolgateRuntime.class);

  private final Settings settings;
  private final Injector injector;
  private final StateStores stores;
  private final Toolgate toolgate;
  private final AtomicBoolean closed = new AtomicBoolean();

  static {
    // Toolgate uses no Guice AOP; without this, Guice's class generation calls sun.misc.Unsafe,
    // which JDK 24+ warns about on every start. Set before the first Guice class loads.
    if (System.getProperty("guice_bytecode_gen_option") == null) {
      System.setProperty("guice_bytecode_gen_option", "DISABLED");
    }
  }

  private ToolgateRuntime(Settings settings, Injector injector, StateStores stores, Toolgate toolgate) {
    this.settings = settings;
    this.injector = injector;
    this.stores = stores;
    this.toolgate = toolgate;
  }

  /**
   * Opens the store {@code settings.store()} selects (the embedded default creates its file under
   * {@code settings.dataDir()}) and builds the gateway.
   *
   * @throws SettingsException when the store cannot be used as configured (no usable Firestore credentials)
   */
  public static ToolgateRuntime open(Settings settings) {
    return open(settings, new Module[0]);
  }

  /**
   * As {@link #open(Settings)}, with further modules installed next to {@link ToolgateModule}, for
   * example one that contributes {@code ToolProvider}s to the multibinder.
   */
  public static ToolgateRuntime open(Settings settings, Module... extraModules) {
    Objects.requireNonNull(settings, "settings");
    List<Module> modules = new ArrayList<>();
    modules.add(new ToolgateModule(settings));
    modules.addAll(List.of(extraModules));
    Injector injector = Guice.createInjector(modules);
    StateStores stores;
    try {
      stores = provision(() -> injector.getInstance(StateStores.class));
    } catch (FirestoreCredentialsException e) {
      // Like a credentials file that does not exist: the operator has a setting to fix (exit code 10).
      throw new SettingsException(List.of(SettingsLoader.GOOGLE_APPLICATION_CREDENTIALS + ": " + e.getMessage()));
    }
    try {
      Toolgate toolgate = provision(() -> injector.getInstance(Toolgate.class));
      try {
        requireKnownTools(settings, toolgate);
      } catch (RuntimeException e) {
        toolgate.close();
        throw e;
      }
      return new ToolgateRuntime(settings, injector, stores, toolgate);
    } catch (RuntimeException e) {
      try {
        closeUpstreams(injector);
        stores.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * An allowlist naming a tool that does not exist would silently allow nothing (a typo hides every
   * tool): it is a bad setting, named with the tools that do exist.
   */
  private static void requireKnownTools(Settings settings, Toolgate toolgate) {
    Set<String> known = toolgate.catalog().names();
    List<String> unknown =
        settings.gatewayConfig().allowedTools().stream().filter(name -> !known.contains(name)).sorted().toList();
    if (!unknown.isEmpty() && settings.mcpServersFile() != null) {
      // Upstream MCP servers connect in the background: their tools may not be registered yet.
      LOG.warn("{} names tools not (yet) known: {}; they may come from upstream MCP servers still connecting",
          SettingsLoader.ALLOWED_TOOLS, unknown);
    } else if (!unknown.isEmpty()) {
      throw new SettingsException(
          List.of(
              SettingsLoader.ALLOWED_TOOLS + ": no tool named " + String.join(", ", unknown) + " (tools: "
                  + String.join(", ", known) + ")"));
    }
  }

  /** Guice wraps what a provider throws; the caller deserves the original, clearer failure. */
  private static <T> T provision(Supplier<T> supplier) {
    try {
      return supplier.get();
    } catch (ProvisionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  public Toolgate toolgate() {
    return toolgate;
  }

  public SupportDesk supportDesk() {
    return stores.supportDesk();
  }

  public Settings settings() {
    return settings;
  }

  /** The FlowChat tools' provider, when {@code SUPABASE_URL} is set. */
  public Optional<FlowChatToolProvider> flowchat() {
    return injector.getInstance(Key.get(new TypeLiteral<Optional<FlowChatToolProvider>>() {}));
  }

  /** Which store this runtime is on, e.g. {@code firestore projects/p/databases/(default) on Google Cloud}. */
  public String storeDescription() {
    return stores.describe();
  }

  /** Whether the store answers a trivial query (SQLite: {@code select 1}; Firestore: a one-document read); never throws. */
  public boolean storeHealthy() {
    return !closed.get() && stores.healthy();
  }

  /** Issues the first admin key if there is no active admin key yet; its secret is shown only here. */
  public Optional<IssuedKey> bootstrapAdmin() {
    return toolgate.keys().bootstrapAdmin();
  }

  /**
   * Lets resumed chat turns finish (up to the execution timeout), stops the gateway (waiting for
   * in-flight calls), then closes the stores. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      // Resumed turns use the gateway's tools and stores: they finish (bounded) before either stops.
      chatResumes().stop(settings.gatewayConfig().executionTimeout());
      toolgate.close();
    } finally {
      try {
        closeUpstreams(injector);
      } finally {
        stores.close();
      }
    }
  }

  /** The store's idempotency records, where WebSocket request ids are kept ({@link ChatReplays}). */
  IdempotencyStore idempotencyStore() {
    return stores.idempotency();
  }

  /** Where chat turns resumed after an approval run; the server stops it before closing sockets. */
  ChatResumeThreads chatResumes() {
    return injector.getInstance(ChatResumeThreads.class);
  }

  /** Each upstream MCP server's state (empty without {@code TOOLGATE_MCP_SERVERS}). */
  public List<UpstreamStatus> upstreams() {
    return injector.getInstance(UpstreamsHandle.class).status();
  }

  /** The upstream MCP servers' prompts and resources, for the MCP face ({@code NONE} without any). */
  public McpPassthrough mcpPassthrough() {
    return injector.getInstance(UpstreamsHandle.class).passthrough();
  }

  // Stops upstream subprocesses and sessions (the handle starts nothing by being looked up).
  private static void closeUpstreams(Injector injector) {
    try {
      injector.getInstance(UpstreamsHandle.class).close();
    } catch (ProvisionException e) {
      // The servers file was bad: nothing was started.
    }
  }
}
