/**
 * Test support shipped in the {@code ports} test-jar: in-memory fakes of every port, a controllable
 * clock, and the abstract contract suites that every implementation of a port extends.
 */
package dev.toolgate.ports.testing;
