package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import io.javalin.http.Context;

/** Writes JSON replies; every object body gets the request id as {@code request_id}. */
final class Replies {
  static final String JSON = "application/json";

  private Replies() {}

  static void send(Context ctx, HttpReply reply) {
    reply.headers().forEach(ctx::header);
    send(ctx, reply.status(), reply.body());
  }

  static void send(Context ctx, int status, ObjectNode body) {
    if (!body.has("request_id")) {
      body.put("request_id", RequestLifecycle.requestId(ctx));
    }
    ctx.status(status).contentType(JSON).result(Json.write(body));
  }

  static void ok(Context ctx, ObjectNode body) {
    send(ctx, 200, body);
  }
}
