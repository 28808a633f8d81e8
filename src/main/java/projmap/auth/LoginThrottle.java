package projmap.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * Slows password guessing: after {@code maxPerAccount} failed log-ins for one account, or
 * {@code maxPerAddress} from one client address, within {@code window}, further attempts for it are
 * refused (HTTP 429) until the oldest failure leaves the window — whether or not the password would
 * be right, so a locked account gives a guesser nothing. A success clears the account's count.
 *
 * <p>Per account stops guessing one password from many machines; per address stops one machine
 * trying common passwords on many accounts. The failures live in the store ({@link FailedAttempts}),
 * so every instance on one database shares one budget. Thread-safe.
 */
public final class LoginThrottle {
    public static final int DEFAULT_MAX_PER_ACCOUNT = 5;
    public static final int DEFAULT_MAX_PER_ADDRESS = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private final FailedAttempts failures;
    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;

    public LoginThrottle(FailedAttempts failures, int maxPerAccount, int maxPerAddress, Duration window) {
        this.failures = failures;
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    public static LoginThrottle defaults(FailedAttempts failures) {
        return new LoginThrottle(failures, DEFAULT_MAX_PER_ACCOUNT, DEFAULT_MAX_PER_ADDRESS, DEFAULT_WINDOW);
    }

    /** Seconds to wait before this account or address may try again; 0 when it may try now. */
    public long retryAfterSeconds(String username, String address) {
        return Math.max(wait(account(username), maxPerAccount), wait("a:" + address, maxPerAddress));
    }

    public void failed(String username, String address) {
        failures.add(account(username), "a:" + address);
    }

    public void succeeded(String username) {
        failures.clear(account(username));
    }

    private static String account(String username) {
        return "u:" + (username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT));
    }

    private long wait(String subject, int max) {
        Instant until = failures.lockedUntil(subject, max, window);
        if (until == null) {
            return 0;
        }
        return Math.max(1, Duration.between(failures.clock().instant(), until).toSeconds() + 1);
    }
}
