/**
 * Human-in-the-loop approvals: the use case (list, poll, decide; approvals come back with sensitive
 * arguments masked) and {@code ApprovalService}, which also parks calls for the pipeline and answers
 * retries from the stored decision.
 */
package dev.toolgate.core.approval;
