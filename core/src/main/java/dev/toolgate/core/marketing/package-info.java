/**
 * The marketing toolset: campaign and flow performance over the
 * {@link dev.toolgate.ports.marketing.MarketingAnalytics} port, per-client routing to a backend, and
 * the built-in sample data set.
 */
package dev.toolgate.core.marketing;
