package dev.toolgate.core.marketing;

import dev.toolgate.ports.marketing.MarketingAccount;
import dev.toolgate.ports.marketing.MarketingAnalytics;
import java.time.ZoneId;
import java.util.Objects;

/** Where the marketing figures of a client come from: which analytics, with which account, in which time zone. */
@FunctionalInterface
public interface MarketingSources {
  /**
   * The source for {@code clientKey}. Throws {@link dev.toolgate.ports.NotFoundException} if there is
   * no such client, {@link dev.toolgate.ports.InvalidRequestException} if it has no usable marketing
   * backend, and {@link dev.toolgate.ports.marketing.MarketingCredentialsException} if its credentials
   * are missing; messages name the client and say how to fix it, never holding a secret.
   */
  Source forClient(String clientKey);

  /**
   * @param analytics the implementation to ask
   * @param account the account to ask it about (with its credential)
   * @param zone the client's time zone, in which dates are meant
   */
  record Source(MarketingAnalytics analytics, MarketingAccount account, ZoneId zone) {
    public Source {
      Objects.requireNonNull(analytics, "analytics");
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(zone, "zone");
    }
  }
}
