package dev.toolgate.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /models} (authenticated): the models a chat question may choose, with their prices. */
final class ModelRoutes {
  private final LlmSettings llm;
  private final Authenticator auth;

  ModelRoutes(LlmSettings llm, Authenticator auth) {
    this.llm = llm;
    this.auth = auth;
  }

  void register(RoutesConfig routes) {
    routes.get("/models", this::list);
  }

  private void list(Context ctx) {
    auth.require(ctx);
    Replies.ok(ctx, ModelViews.models(llm));
  }
}
