/**
 * Marketing analytics (seed 000): campaign and flow performance of a client's e-mail/SMS marketing
 * account, the values behind the marketing toolset and the chat orchestrator.
 */
package dev.toolgate.ports.marketing;
