/** The REST server: settings, Guice wiring, routes compatible with seeds 001 and 003, one error shape. */
package dev.toolgate.app.http;
