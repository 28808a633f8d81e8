package projmap.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.store.Database;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;

/** The log-in throttle's window and counts, over failures kept in the store; on both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-03-01T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Parameter
    StoreKind kind;

    TestDatabase testDb;
    Database db;
    ManualClock clock;

    @BeforeParameterizedClassInvocation
    void open() {
        testDb = TestDatabase.create(kind);
        db = testDb.open();
    }

    @AfterParameterizedClassInvocation
    void close() {
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    @BeforeEach
    void empty() {
        clock = new ManualClock();
        db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM failed_attempts"));
    }

    @AfterEach
    void nothingLeftOver() {
        empty();
    }

    @Test
    void an_account_opens_again_when_its_failures_leave_the_window() {
        LoginThrottle t = new LoginThrottle(new FailedAttempts(db, clock), 3, 100, Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            assertThat(t.retryAfterSeconds("Ann", "10.0.0.1")).isZero();
            t.failed("Ann", "10.0.0.1");
            clock.now = clock.now.plusSeconds(1);
        }
        // locked until the first of the three failures is 10 minutes old
        assertThat(t.retryAfterSeconds("ann", "10.0.0.9")).isBetween(597L, 599L);
        assertThat(t.retryAfterSeconds("bob", "10.0.0.1")).isZero();
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertThat(t.retryAfterSeconds("ann", "10.0.0.1")).isZero();
    }

    @Test
    void a_success_clears_the_account_but_not_the_address() {
        LoginThrottle t = new LoginThrottle(new FailedAttempts(db, clock), 2, 3, Duration.ofMinutes(10));
        t.failed("ann", "10.0.0.1");
        t.failed("bob", "10.0.0.1");
        t.succeeded("ann");
        assertThat(t.retryAfterSeconds("ann", "10.0.0.2")).isZero();
        t.failed("carl", "10.0.0.1");
        assertThat(t.retryAfterSeconds("dora", "10.0.0.1")).isPositive();
        assertThat(t.retryAfterSeconds("dora", "10.0.0.2")).isZero();
    }

    @Test
    void two_throttles_on_one_store_share_the_failures() {
        // as two app instances would: separate objects, one table
        LoginThrottle first = new LoginThrottle(new FailedAttempts(db, clock), 3, 100, Duration.ofMinutes(10));
        LoginThrottle second = new LoginThrottle(new FailedAttempts(db, clock), 3, 100, Duration.ofMinutes(10));
        first.failed("ann", "10.0.0.1");
        second.failed("ann", "10.0.0.2");
        assertThat(first.retryAfterSeconds("ann", "10.0.0.3")).isZero();
        first.failed("ann", "10.0.0.3");
        assertThat(second.retryAfterSeconds("ann", "10.0.0.4")).isPositive();
        second.succeeded("ann");
        assertThat(first.retryAfterSeconds("ann", "10.0.0.4")).isZero();
    }

    @Test
    void failures_older_than_a_day_are_deleted_as_new_ones_come_in() {
        FailedAttempts f = new FailedAttempts(db, clock);
        f.add("u:old");
        clock.now = clock.now.plus(FailedAttempts.KEEP).plusSeconds(1);
        f.add("u:new");
        long rows = db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM failed_attempts")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(rows).isEqualTo(1);
    }
}
