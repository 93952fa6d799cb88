/** API keys: issuing (secret shown once), hashing, authenticating in constant time, revoking ({@code ApiKeyService}). */
package dev.toolgate.core.auth;
