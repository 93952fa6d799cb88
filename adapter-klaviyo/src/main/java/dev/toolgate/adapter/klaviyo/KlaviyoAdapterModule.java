package dev.toolgate.adapter.klaviyo;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.marketing.MarketingAnalytics;
import java.util.Objects;

/**
 * Contributes the Klaviyo implementation of {@link MarketingAnalytics} to the
 * {@code Map<MarketingBackend, MarketingAnalytics>} multibinding under {@link MarketingBackend#KLAVIYO},
 * so the app can pick, per client, between it and other backends (the sample data set) without two
 * bindings of one key competing. One shared instance: it holds the per-account limiters and caches.
 *
 * <p>Installing the module does no I/O; nothing is sent to Klaviyo until a report is asked for, and
 * the HTTP client is built then too, so a gateway whose clients all use sample data never loads it.
 */
public final class KlaviyoAdapterModule extends AbstractModule {
  private final KlaviyoConfig config;

  public KlaviyoAdapterModule(KlaviyoConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * A new Klaviyo-backed {@link MarketingAnalytics}, for use without Guice. Keep one per process:
   * each instance has its own limiters, so two would together exceed Klaviyo's limits.
   */
  public static MarketingAnalytics marketingAnalytics(KlaviyoConfig config) {
    return new KlaviyoMarketingAnalytics(config);
  }

  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), MarketingBackend.class, MarketingAnalytics.class)
        .addBinding(MarketingBackend.KLAVIYO)
        .toInstance(new KlaviyoMarketingAnalytics(config));
  }
}
