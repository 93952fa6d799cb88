/**
 * Toolgate's core: the gateway facade, its builder and configuration, and — package-private behind
 * them — the guarded pipeline and the services that implement every use case.
 */
package dev.toolgate.core;
