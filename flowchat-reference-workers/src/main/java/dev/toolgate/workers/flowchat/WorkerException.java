package dev.toolgate.workers.flowchat;

/**
 * A request a worker refuses before acting: rendered as the contract's error body {@code {code,
 * message, request_id}} with {@code status}. Validation findings are not errors (they are a 200
 * with {@code validated: false}).
 */
final class WorkerException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  WorkerException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static WorkerException badRequest(String message) {
    return new WorkerException(400, "bad_request", message);
  }

  static WorkerException notFound(String message) {
    return new WorkerException(404, "not_found", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
