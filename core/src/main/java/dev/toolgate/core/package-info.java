/**
 * Toolgate's core, by capability. This package holds the entry points: the {@link
 * dev.toolgate.core.Toolgate} facade, its {@link dev.toolgate.core.ToolgateBuilder}, the {@link
 * dev.toolgate.core.GatewayConfig}, the calling {@link dev.toolgate.core.Principal} and the two
 * exceptions every use case may throw. Each capability package holds its use case interface, its
 * command and outcome values and, beside them, the {@code *Service} that implements it — public only
 * so that the builder can wire it: faces depend on the use case interfaces, never on a service or on
 * {@code internal} (an ArchUnit rule holds this).
 */
package dev.toolgate.core;
