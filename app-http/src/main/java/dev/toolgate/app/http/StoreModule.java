package dev.toolgate.app.http;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.toolgate.adapter.firestore.FirestoreAdapterModule;
import dev.toolgate.adapter.firestore.FirestoreConfig;
import dev.toolgate.adapter.firestore.FirestoreStores;
import dev.toolgate.adapter.sqlite.SqliteAdapterModule;
import dev.toolgate.adapter.sqlite.SqliteConfig;
import dev.toolgate.adapter.sqlite.SqliteStores;

/**
 * The store {@link Settings#store()} selects: its adapter module, which binds every state port, and
 * a {@link StoreHandle} on the same stores for readiness and shutdown.
 */
final class StoreModule {
  private StoreModule() {}

  static Module of(Settings settings) {
    return switch (settings.store().kind()) {
      case SQLITE -> new Sqlite(new SqliteConfig(settings.dataDir().resolve(ToolgateModule.DATABASE_FILE)));
      case FIRESTORE -> new Firestore(settings.store().firestore());
    };
  }

  private static final class Sqlite extends AbstractModule {
    private final SqliteConfig config;

    Sqlite(SqliteConfig config) {
      this.config = config;
    }

    @Override
    protected void configure() {
      install(new SqliteAdapterModule(config));
    }

    @Provides
    @Singleton
    StoreHandle handle(SqliteStores stores) {
      return new StoreHandle("sqlite " + config.databaseFile(), stores::healthy, stores::close);
    }
  }

  private static final class Firestore extends AbstractModule {
    private final FirestoreConfig config;

    Firestore(FirestoreConfig config) {
      this.config = config;
    }

    @Override
    protected void configure() {
      install(new FirestoreAdapterModule(config));
    }

    @Provides
    @Singleton
    StoreHandle handle(FirestoreStores stores) {
      return new StoreHandle("firestore " + stores.describe(), stores::healthy, stores::close);
    }
  }
}
