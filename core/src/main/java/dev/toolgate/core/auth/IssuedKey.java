package dev.toolgate.core.auth;

import dev.toolgate.ports.auth.ApiKey;

/**
 * A newly issued key. {@code secret} is the full presentable key ({@code tg_<id>_<random>}); it is
 * never stored and cannot be shown again.
 */
public record IssuedKey(ApiKey key, String secret) {
  @Override
  public String toString() {
    return "IssuedKey[key=" + key.id() + ", secret=***]";
  }
}
