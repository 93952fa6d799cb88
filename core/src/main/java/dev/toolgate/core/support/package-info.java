/** The built-in support toolset: customer search, tickets, status changes, channel messages and incident impact over a {@code SupportDesk}. */
package dev.toolgate.core.support;
