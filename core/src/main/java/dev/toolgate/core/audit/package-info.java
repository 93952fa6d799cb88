/**
 * The hash-chained audit log: reading, exporting and verifying it ({@code AuditService}), how tool
 * outcomes and administrative actions read in it, and the redaction rule that keeps secrets out of
 * every record and approval view.
 */
package dev.toolgate.core.audit;
