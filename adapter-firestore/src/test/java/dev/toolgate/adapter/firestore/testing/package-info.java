/**
 * The Firestore emulator harness, shipped in this module's test-jar for the apps' tests: one emulator
 * per test JVM, started from the installed Google Cloud SDK component, cleared before each test.
 */
package dev.toolgate.adapter.firestore.testing;
