/** Tools: their definitions, how they are executed, and the providers that contribute them. */
package dev.toolgate.ports.tool;
