/** The support desk domain (customers, tickets, support-channel messages, incidents) behind the support toolset. */
package dev.toolgate.ports.support;
