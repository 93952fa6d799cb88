/** Reading the usage counters ({@code UsageService}). */
package dev.toolgate.core.usage;
