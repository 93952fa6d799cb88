/**
 * FlowChat reference workers: a local PostgREST-style RPC endpoint and the database, document,
 * storage and email workers of the FlowChat worker contract ({@code docs/flowchat-worker-contract.yaml}),
 * over one SQLite file, so the FlowChat tools run on one machine with no accounts. {@link
 * dev.toolgate.workers.flowchat.ReferenceWorkers} is the entry point; everything else is
 * package-private.
 */
package dev.toolgate.workers.flowchat;
