package dev.toolgate.app.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.toolgate.adapter.klaviyo.KlaviyoAdapterModule;
import dev.toolgate.adapter.klaviyo.KlaviyoConfig;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.ToolgateBuilder;
import dev.toolgate.core.secret.MasterKey;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.chat.Planner;
import dev.toolgate.ports.marketing.MarketingAnalytics;
import dev.toolgate.ports.state.StateStores;
import dev.toolgate.ports.tool.ToolProvider;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Wires the gateway: every state port from the one {@link StateStores} that {@link Settings#store()}
 * selects (by default SQLite under the data directory, see {@link StoreModule}), the support toolset,
 * the marketing toolset (sample data for the {@code demo} client, Klaviyo for clients that use it),
 * chat (planned by a language model when {@link Settings#llm()} configures one, see {@link LlmModule};
 * turns resumed after an approval on {@link ChatResumeThreads}),
 * clients' secrets encrypted with the master key from {@link Settings#masterKeyPath()}, and one
 * {@link Toolgate} configured from {@link Settings}. Further tools can be contributed with
 * {@code Multibinder.newSetBinder(binder(), ToolProvider.class)} from another module.
 */
public final class ToolgateModule extends AbstractModule {
  /** The database file's name inside {@link Settings#dataDir()}. */
  public static final String DATABASE_FILE = "toolgate.db";

  private final Settings settings;

  public ToolgateModule(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  protected void configure() {
    install(new StoreModule(settings));
    bind(Settings.class).toInstance(settings);
    bind(Clock.class).toInstance(Clock.systemUTC());
    Multibinder.newSetBinder(binder(), ToolProvider.class);
    install(new UpstreamsModule(settings));
    install(new KlaviyoAdapterModule(KlaviyoConfig.custom().baseUri(settings.klaviyoBaseUri()).build()));
    install(new FlowChatToolsModule(settings.flowchat()));
    install(new LlmModule(settings.llm()));
  }

  @Provides
  @Singleton
  MasterKey masterKey() {
    return MasterKeyFile.load(settings);
  }

  @Provides
  @Singleton
  ChatResumeThreads chatResumeThreads() {
    return new ChatResumeThreads();
  }

  @Provides
  @Singleton
  Toolgate toolgate(
      StateStores stores,
      ChatResumeThreads chatResumes,
      Set<ToolProvider> extraTools,
      MasterKey masterKey,
      Map<MarketingBackend, MarketingAnalytics> marketing,
      Optional<Planner> planner,
      Clock clock) {
    ToolgateBuilder builder =
        Toolgate.builder()
            .stores(stores)
            .supportDesk(stores.supportDesk())
            .marketing(marketing)
            .secrets(stores.secrets(), masterKey)
            .config(settings.gatewayConfig())
            .chatResumes(chatResumes)
            .clock(clock);
    extraTools.forEach(builder::toolProvider);
    planner.ifPresent(builder::planner);
    settings.fixedKeys().forEach(key -> builder.fixedKey(key.id(), key.secret(), key.roles(), key.allowTools()));
    return builder.build();
  }
}
