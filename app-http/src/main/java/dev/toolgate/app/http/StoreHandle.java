package dev.toolgate.app.http;

import java.util.function.BooleanSupplier;

/**
 * What the runtime needs of the selected store besides its ports: a readiness check and a way to
 * close it. Each store's Guice wiring in {@link StoreModule} binds one.
 *
 * @param description which store, for logs, e.g. {@code sqlite /srv/toolgate/data/toolgate.db}
 * @param health answers whether the store responds; never throws
 * @param closer closes the store; idempotent
 */
record StoreHandle(String description, BooleanSupplier health, Runnable closer) {
  boolean healthy() {
    return health.getAsBoolean();
  }

  void close() {
    closer.run();
  }
}
