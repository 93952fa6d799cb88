/**
 * JMH micro-benchmarks of the gateway's pipeline steps, on real parts (a SQLite file, the MCP SDK's
 * JSON mapper); run by {@code bench/jmh.sh}, never by the tests.
 */
package dev.toolgate.bench;
