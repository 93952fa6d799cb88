/**
 * The FlowChat CRM and invoicing tools: Supabase RPC reads, validated writes on the database worker
 * and workflows over the document, storage and email workers, following
 * {@code docs/flowchat-worker-contract.yaml}. Public surface:
 * {@link dev.toolgate.adapter.flowchat.FlowChatConfig} and
 * {@link dev.toolgate.adapter.flowchat.FlowChatToolProvider}.
 */
package dev.toolgate.adapter.flowchat;
