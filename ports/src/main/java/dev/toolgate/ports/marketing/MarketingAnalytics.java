package dev.toolgate.ports.marketing;

/**
 * Read-only performance figures of one marketing account (for example a Klaviyo account).
 *
 * <p>Contract shared by every implementation:
 *
 * <ul>
 *   <li>Thread-safe. Arguments are never null; results are never null and hold no null collections.
 *   <li>Only reads: calling a method twice has no effect upstream beyond the account's request quota.
 *   <li>Figures are keyed to <em>send</em> date: a campaign belongs to the range it was sent in, a flow's
 *       figures are those of the messages it sent in the range.
 *   <li>Money is in the account's currency ({@code currency()} of the report), never converted.
 *   <li>Failures are unchecked {@link dev.toolgate.ports.PortException}s:
 *       <ul>
 *         <li>{@link MarketingCredentialsException} — the account's API key was refused (missing,
 *             revoked, lacking a scope); naming the client; not retryable.
 *         <li>{@link MarketingRateLimitedException} — the account's upstream quota (or the adapter's own
 *             limiter guarding it) is exhausted for longer than the adapter waits; retryable, with a
 *             hint of when.
 *         <li>{@link dev.toolgate.ports.UnavailableException} — upstream down, erroring or too slow after
 *             the adapter's bounded retries; retryable.
 *         <li>{@link dev.toolgate.ports.InvalidRequestException} — the upstream rejected the request (its
 *             error detail is in the message), or the range is beyond what the upstream can report
 *             (Klaviyo: at most one year); not retryable.
 *         <li>{@link dev.toolgate.ports.PortException} itself — the upstream answered something that cannot
 *             be understood (a body that is not the expected JSON); not retryable.
 *       </ul>
 *   <li>Secrets: the API key in {@link MarketingAccount} is never logged, never put in an exception
 *       message and never part of a result.
 * </ul>
 */
public interface MarketingAnalytics {

  /**
   * Performance of every campaign sent in {@code range}, one row per campaign, newest send first.
   * A range with no sends yields an empty list, not an error.
   */
  CampaignReport campaignPerformance(MarketingAccount account, DateRange range);

  /**
   * Performance of every flow that sent messages in {@code range}, one row per flow (all of its
   * messages and channels summed), ordered by name.
   */
  FlowReport flowPerformance(MarketingAccount account, DateRange range);
}
