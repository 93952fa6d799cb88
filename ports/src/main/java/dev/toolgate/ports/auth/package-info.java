/** Who may call: API keys (stored hashed), roles, and client (tenant) profiles. */
package dev.toolgate.ports.auth;
