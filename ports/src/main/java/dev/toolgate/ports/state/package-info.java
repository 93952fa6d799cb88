/** The gateway's own state: idempotency records, approvals, the audit chain, the response cache and usage. */
package dev.toolgate.ports.state;
