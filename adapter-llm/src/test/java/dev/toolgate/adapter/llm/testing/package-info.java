/**
 * Loopback stand-ins for the model providers and their reference fixtures, shipped in this module's
 * test-jar so that the apps' end-to-end tests drive the same wire formats as the adapter's own tests.
 */
package dev.toolgate.adapter.llm.testing;
