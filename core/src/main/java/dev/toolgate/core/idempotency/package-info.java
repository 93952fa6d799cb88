/** The idempotency step of the pipeline: at most one execution per key, replays, conflicts ({@code IdempotencyGate}). */
package dev.toolgate.core.idempotency;
