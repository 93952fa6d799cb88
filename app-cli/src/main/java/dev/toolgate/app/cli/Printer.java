package dev.toolgate.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Where a command's words go: data on stdout (one JSON document, or tables and lines for people),
 * errors, warnings and notes on stderr, so that {@code toolgate … | jq} always sees clean JSON.
 */
final class Printer {
  private final PrintWriter out;
  private final PrintWriter err;
  private final OutputFormat format;

  Printer(PrintWriter out, PrintWriter err, OutputFormat format) {
    this.out = out;
    this.err = err;
    this.format = format;
  }

  boolean table() {
    return format == OutputFormat.TABLE;
  }

  /** One JSON document on stdout, indented so that people can read it too. */
  void json(JsonNode document) {
    out.println(pretty(document));
    out.flush();
  }

  void table(Table table) {
    table.print(out);
  }

  /** A line of data on stdout. */
  void line(String text) {
    out.println(text);
    out.flush();
  }

  /** A line for the person at the terminal on stderr: an error, a warning or a note. */
  void note(String text) {
    err.println(text);
    err.flush();
  }

  PrintWriter out() {
    return out;
  }

  static String pretty(JsonNode node) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
