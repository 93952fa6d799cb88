/** Per-key and per-client token buckets on the gateway's clock, per process (ADR 0008). */
package dev.toolgate.core.ratelimit;
