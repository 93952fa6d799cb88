package dev.toolgate.app.cli;

/** How commands print their data: JSON for scripts (the default) or aligned columns for people. */
enum OutputFormat {
  JSON,
  TABLE
}
