/** Reading, exporting and verifying the hash-chained audit log. */
package dev.toolgate.core.audit;
