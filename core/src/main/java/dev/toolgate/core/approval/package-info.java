/** Human-in-the-loop approvals: listing, polling and deciding the calls that wait for a person. */
package dev.toolgate.core.approval;
