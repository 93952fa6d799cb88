/** Reading the usage counters. */
package dev.toolgate.core.usage;
