/** Client (tenant) profiles and their encrypted third-party secrets: saving changes only what is given ({@code ClientService}). */
package dev.toolgate.core.clients;
