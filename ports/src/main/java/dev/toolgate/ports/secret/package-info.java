/** Clients' third-party secrets (API keys of marketing accounts and the like), stored encrypted. */
package dev.toolgate.ports.secret;
