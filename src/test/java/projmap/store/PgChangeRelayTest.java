package projmap.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;

/**
 * The change relay (PostGIS only: LISTEN/NOTIFY) lets its store close at once. Its thread waits
 * for notifications up to {@link PgChangeRelay#POLL_MILLIS} at a time; closing must not wait for
 * that wait to end (a command-line import spent half a second on it after its work was done).
 */
class PgChangeRelayTest {
    @Test
    void closing_the_store_ends_the_relay_without_waiting_out_its_poll() throws Exception {
        try (TestDatabase testDb = TestDatabase.create(StoreKind.POSTGIS)) {
            Database db = testDb.open();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!db.changes().listening() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(db.changes().listening()).as("relay listening").isTrue();
            Thread.sleep(100);   // the relay is now inside its wait for notifications

            long t0 = System.nanoTime();
            db.close();
            long millis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(millis).as("close took %d ms", millis).isLessThan(PgChangeRelay.POLL_MILLIS / 5);
        }
    }
}
