package projmap.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxPerAccount} failed log-ins for one account, or
 * {@code maxPerAddress} from one client address, within {@code window}, further attempts for it are
 * refused (HTTP 429) until the oldest failure leaves the window — whether or not the password would
 * be right, so a locked account gives a guesser nothing. A success clears the account's count.
 *
 * <p>Per account stops guessing one password from many machines; per address stops one machine
 * trying common passwords on many accounts. Kept in memory per app instance: with N instances a
 * guesser gets at most N times the budget, which is still slow against Argon2 and is named in the
 * README. Thread-safe.
 */
public final class LoginThrottle {
    public static final int DEFAULT_MAX_PER_ACCOUNT = 5;
    public static final int DEFAULT_MAX_PER_ADDRESS = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxPerAccount, int maxPerAddress, Duration window, Clock clock) {
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    public static LoginThrottle defaults(Clock clock) {
        return new LoginThrottle(DEFAULT_MAX_PER_ACCOUNT, DEFAULT_MAX_PER_ADDRESS, DEFAULT_WINDOW, clock);
    }

    /** Seconds to wait before this account or address may try again; 0 when it may try now. */
    public long retryAfterSeconds(String username, String address) {
        return Math.max(wait("u:" + normalise(username), maxPerAccount), wait("a:" + address, maxPerAddress));
    }

    public void failed(String username, String address) {
        add("u:" + normalise(username));
        add("a:" + address);
    }

    public void succeeded(String username) {
        failures.remove("u:" + normalise(username));
    }

    private static String normalise(String username) {
        return username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private void add(String key) {
        Instant now = clock.instant();
        failures.compute(key, (k, q) -> {
            Deque<Instant> d = q == null ? new ArrayDeque<>() : q;
            prune(d, now);
            d.addLast(now);
            // never keep more than needed to decide
            while (d.size() > Math.max(maxPerAccount, maxPerAddress)) {
                d.removeFirst();
            }
            return d;
        });
    }

    private long wait(String key, int max) {
        Instant now = clock.instant();
        long[] seconds = {0};
        failures.computeIfPresent(key, (k, d) -> {
            prune(d, now);
            if (d.size() >= max) {
                Instant oldestThatCounts = d.stream().skip(d.size() - max).findFirst().orElseThrow();
                seconds[0] = Math.max(1, Duration.between(now, oldestThatCounts.plus(window)).toSeconds() + 1);
            }
            return d.isEmpty() ? null : d;
        });
        return seconds[0];
    }

    private void prune(Deque<Instant> d, Instant now) {
        Instant cutoff = now.minus(window);
        while (!d.isEmpty() && !d.peekFirst().isAfter(cutoff)) {
            d.removeFirst();
        }
    }
}
