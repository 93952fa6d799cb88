/**
 * What the use cases share and faces must not touch: the live tool registry and its schema
 * validation, the policy engine, the execution stage with its timeout, the stored form of outcomes and
 * id generation. Public only across core's own packages; an ArchUnit rule keeps faces out.
 */
package dev.toolgate.core.internal;
