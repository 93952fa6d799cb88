/** API keys: issuing (secret shown once), hashing, authenticating in constant time, revoking. */
package dev.toolgate.core.auth;
