/**
 * The gateway's own state: idempotency records, approvals, the audit chain, the response cache and
 * usage, and {@link dev.toolgate.ports.state.StateStores}, every state port of one store together.
 */
package dev.toolgate.ports.state;
