package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.WriteBatch;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.support.Customer;
import dev.toolgate.ports.support.DemoSupportData;
import dev.toolgate.ports.support.Incident;
import java.time.ZoneId;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a new database so that the gateway has something to work on, as the SQLite adapter does:
 * the demo support desk (only while customers and incidents are empty, so an operator's own data is
 * never mixed with it) and the {@code demo} client (only while there is no client at all). Two
 * instances starting at once may both seed; they write the same documents with the same content.
 */
final class DemoData {
  static final ClientProfile DEMO_CLIENT =
      new ClientProfile("demo", "Demo Client", ZoneId.of("UTC"), Set.of(), Set.of(), null)
          .withMarketingBackend(MarketingBackend.SAMPLE);

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  private DemoData() {}

  static void seed(FirestoreDatabase db) {
    String where = db.config().describe();
    if (isEmpty(db, CollectionNames.CUSTOMERS) && isEmpty(db, CollectionNames.INCIDENTS)) {
      WriteBatch batch = db.batch();
      for (Customer customer : DemoSupportData.customers()) {
        batch.set(db.collection(CollectionNames.CUSTOMERS).document(customer.id()), FirestoreSupportDesk.fields(customer));
      }
      for (Incident incident : DemoSupportData.incidents()) {
        batch.set(
            db.collection(CollectionNames.INCIDENTS).document(incident.id()),
            FirestoreSupportDesk.fields(incident, DemoSupportData.affectedCustomerIds(incident.id())));
      }
      db.await(batch.commit(), "seeding the demo support desk");
      LOG.info("seeded the demo support desk in Firestore {}", where);
    }
    if (isEmpty(db, CollectionNames.CLIENTS)) {
      db.await(
          db.collection(CollectionNames.CLIENTS)
              .document(DEMO_CLIENT.clientKey())
              .set(FirestoreClientProfileStore.fields(DEMO_CLIENT)),
          "creating the demo client");
      LOG.info("created client '{}' in Firestore {}", DEMO_CLIENT.clientKey(), where);
    }
  }

  private static boolean isEmpty(FirestoreDatabase db, String collection) {
    return Queries.all(db, db.collection(collection).limit(1), "looking into " + collection).isEmpty();
  }
}
