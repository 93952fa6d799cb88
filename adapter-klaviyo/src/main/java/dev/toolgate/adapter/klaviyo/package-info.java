/**
 * The {@link dev.toolgate.ports.marketing.MarketingAnalytics} port on Klaviyo's REST API (revision
 * 2026-07-15): campaign and flow performance from the values reports, guarded by a client-side
 * limiter and bounded retries. Public surface: {@link dev.toolgate.adapter.klaviyo.KlaviyoConfig} and
 * {@link dev.toolgate.adapter.klaviyo.KlaviyoAdapterModule}.
 */
package dev.toolgate.adapter.klaviyo;
