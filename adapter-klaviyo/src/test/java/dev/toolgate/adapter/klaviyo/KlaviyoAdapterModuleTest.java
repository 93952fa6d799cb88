package dev.toolgate.adapter.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.marketing.MarketingAnalytics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KlaviyoAdapterModuleTest {

  @Test
  void contributesTheKlaviyoBackendToTheMarketingMapAsOneSharedInstance() {
    Injector injector = Guice.createInjector(new KlaviyoAdapterModule(KlaviyoConfig.defaults()));
    Key<Map<MarketingBackend, MarketingAnalytics>> key = Key.get(new TypeLiteral<>() {});

    Map<MarketingBackend, MarketingAnalytics> backends = injector.getInstance(key);

    assertThat(backends).containsOnlyKeys(MarketingBackend.KLAVIYO);
    assertThat(backends.get(MarketingBackend.KLAVIYO)).isInstanceOf(KlaviyoMarketingAnalytics.class)
        .isSameAs(injector.getInstance(key).get(MarketingBackend.KLAVIYO));
  }

  @Test
  void worksWithoutGuiceToo() {
    assertThat(KlaviyoAdapterModule.marketingAnalytics(KlaviyoConfig.defaults()))
        .isInstanceOf(KlaviyoMarketingAnalytics.class);
  }
}
