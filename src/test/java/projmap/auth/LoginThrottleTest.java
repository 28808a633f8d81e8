package projmap.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

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

    @Test
    void an_account_opens_again_when_its_failures_leave_the_window() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(3, 100, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(t.retryAfterSeconds("Ann", "10.0.0.1")).isZero();
            t.failed("Ann", "10.0.0.1");
        }
        assertThat(t.retryAfterSeconds("ann", "10.0.0.9")).isBetween(590L, 601L);
        assertThat(t.retryAfterSeconds("bob", "10.0.0.1")).isZero();
        clock.now = clock.now.plus(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(t.retryAfterSeconds("ann", "10.0.0.1")).isZero();
    }

    @Test
    void a_success_clears_the_account_but_not_the_address() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(2, 3, Duration.ofMinutes(10), clock);
        t.failed("ann", "10.0.0.1");
        t.failed("bob", "10.0.0.1");
        t.succeeded("ann");
        assertThat(t.retryAfterSeconds("ann", "10.0.0.2")).isZero();
        t.failed("carl", "10.0.0.1");
        assertThat(t.retryAfterSeconds("dora", "10.0.0.1")).isPositive();
        assertThat(t.retryAfterSeconds("dora", "10.0.0.2")).isZero();
    }
}
