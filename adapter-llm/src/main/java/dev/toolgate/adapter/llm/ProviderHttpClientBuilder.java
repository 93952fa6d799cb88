package dev.toolgate.adapter.llm;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds {@link ProviderHttpClient}s for LangChain4j's model builders. One builder serves a
 * provider's blocking and streaming model: asked twice with the same timeouts, it hands out the same
 * client, so a provider holds one connection pool and one selector thread, not two.
 */
final class ProviderHttpClientBuilder implements HttpClientBuilder {
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration readTimeout;
  private ProviderHttpClient built;
  private Duration builtConnectTimeout;
  private Duration builtReadTimeout;

  @Override
  public synchronized Duration connectTimeout() {
    return connectTimeout;
  }

  @Override
  public synchronized HttpClientBuilder connectTimeout(Duration timeout) {
    if (timeout != null) {
      connectTimeout = timeout;
    }
    return this;
  }

  @Override
  public synchronized Duration readTimeout() {
    return readTimeout;
  }

  @Override
  public synchronized HttpClientBuilder readTimeout(Duration timeout) {
    readTimeout = timeout;
    return this;
  }

  @Override
  public synchronized HttpClient build() {
    if (built == null || !connectTimeout.equals(builtConnectTimeout) || !Objects.equals(readTimeout, builtReadTimeout)) {
      built = new ProviderHttpClient(connectTimeout, readTimeout);
      builtConnectTimeout = connectTimeout;
      builtReadTimeout = readTimeout;
    }
    return built;
  }
}
