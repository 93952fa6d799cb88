/** The service provider interface of Toolgate: ports, the values they exchange, and the exceptions they throw. */
package dev.toolgate.ports;
