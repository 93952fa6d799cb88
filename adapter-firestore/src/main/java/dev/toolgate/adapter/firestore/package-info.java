/**
 * Every Toolgate state port on Google Cloud Firestore, the shared store for several gateway
 * instances: start with {@link dev.toolgate.adapter.firestore.FirestoreStores} (plain Java) or
 * {@link dev.toolgate.adapter.firestore.FirestoreAdapterModule} (Guice), configured by {@link
 * dev.toolgate.adapter.firestore.FirestoreConfig}.
 */
package dev.toolgate.adapter.firestore;
