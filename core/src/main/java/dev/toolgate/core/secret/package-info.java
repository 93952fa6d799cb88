/** Encryption of clients' third-party secrets at rest: the master key and the AES-GCM box. */
package dev.toolgate.core.secret;
