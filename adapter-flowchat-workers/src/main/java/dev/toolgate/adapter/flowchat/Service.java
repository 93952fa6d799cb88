package dev.toolgate.adapter.flowchat;

/** The five services a FlowChat tool may call, each with the setting that gives its URL. */
enum Service {
  RPC("SUPABASE_URL", "supabase"),
  DATABASE("DATABASE_WORKER_URL", "database worker"),
  DOCUMENT("DOCUMENT_WORKER_URL", "document worker"),
  STORAGE("STORAGE_WORKER_URL", "storage worker"),
  EMAIL("EMAIL_WORKER_URL", "email worker");

  private final String setting;
  private final String label;

  Service(String setting, String label) {
    this.setting = setting;
    this.label = label;
  }

  /** The environment setting that holds this service's URL. */
  String setting() {
    return setting;
  }

  /** How messages name it. */
  String label() {
    return label;
  }
}
