package dev.toolgate.ports.state;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Counters for one (day, client, tool); {@code clientKey} is null for calls without a client. */
public record UsageRow(
    LocalDate day,
    String clientKey,
    String tool,
    long calls,
    long errors,
    long totalLatencyMs,
    long tokens,
    BigDecimal costUsd) {}
