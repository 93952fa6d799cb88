/** Client (tenant) profiles and their encrypted third-party secrets. */
package dev.toolgate.core.clients;
