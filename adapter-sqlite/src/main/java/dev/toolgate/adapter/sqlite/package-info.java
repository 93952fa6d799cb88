/**
 * Every Toolgate state port on one embedded SQLite file: start with {@link
 * dev.toolgate.adapter.sqlite.SqliteStores} (plain Java) or {@link
 * dev.toolgate.adapter.sqlite.SqliteAdapterModule} (Guice), configured by {@link
 * dev.toolgate.adapter.sqlite.SqliteConfig}.
 */
package dev.toolgate.adapter.sqlite;
