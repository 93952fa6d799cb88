/** The cache step of the pipeline: read-only results per client, tool and arguments, for a TTL ({@code ResponseCacheGate}). */
package dev.toolgate.core.cache;
