package dev.toolgate.core.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.ClientScopeException;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.tool.ToolInvocation;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The arguments of a marketing report tool, read and checked: whose account, and which days. The
 * pipeline has validated their shape; this checks what a schema cannot (real dates, order, length,
 * and that a client-scoped caller asks only about its own client).
 */
record ReportRequest(String clientKey, LocalDate first, LocalDate last) {
  /** Klaviyo reports at most one year; the same bound keeps sample reports small. */
  static final int MAX_DAYS = 366;

  static ReportRequest of(ToolInvocation invocation) {
    JsonNode args = invocation.arguments();
    String scoped = invocation.clientKey();
    JsonNode given = args.get("client_key");
    String clientKey = given == null || given.isNull() ? scoped : given.asText();
    if (clientKey == null) {
      throw new InvalidRequestException(
          "argument 'client_key' is required when the key is not scoped to a client");
    }
    if (scoped != null && !scoped.equals(clientKey)) {
      throw new ClientScopeException(
          "this key is scoped to client '" + scoped + "' and cannot read client '" + clientKey + "'");
    }
    LocalDate first = date(args, "start");
    LocalDate last = date(args, "end");
    if (last.isBefore(first)) {
      throw new InvalidRequestException("argument 'end' (" + last + ") is before 'start' (" + first + ")");
    }
    long days = last.toEpochDay() - first.toEpochDay() + 1;
    if (days > MAX_DAYS) {
      throw new InvalidRequestException(
          "the range " + first + " to " + last + " spans " + days + " days; at most " + MAX_DAYS + " are allowed");
    }
    return new ReportRequest(clientKey, first, last);
  }

  DateRange range(ZoneId zone) {
    return DateRange.ofInclusive(first, last, zone);
  }

  private static LocalDate date(JsonNode args, String name) {
    JsonNode value = args.get(name);
    if (value == null || !value.isTextual()) {
      throw new InvalidRequestException("argument '" + name + "' must be a date like 2026-03-05");
    }
    try {
      return LocalDate.parse(value.textValue());
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException("argument '" + name + "' is not a calendar date: '" + value.textValue() + "'");
    }
  }
}
