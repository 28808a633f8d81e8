package projmap.auth;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id password hashes in the PHC string format, through Spring Security's encoder on Bouncy
 * Castle (pure Java, no native library). Parameters follow OWASP's password storage guidance
 * (19 MiB, 2 iterations, 1 lane, 16-byte salt, 32-byte hash): about 50 ms a check on one core,
 * slow enough for offline guessing, fast enough for log-ins. Stored hashes carry their own
 * parameters, so raising them later keeps old hashes readable. Thread-safe.
 */
public final class PasswordHasher {
    /** The shortest password accepted for a new or changed password. */
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    /**
     * Checked against when the user does not exist, so that timing does not tell which names
     * exist. Hashed in the background: on a cold JVM one Argon2 hash takes about a second, which
     * start-up need not wait for.
     */
    private final java.util.concurrent.CompletableFuture<String> decoy =
            java.util.concurrent.CompletableFuture.supplyAsync(() -> encoder.encode("decoy password that matches nothing"));

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        if (password == null || password.length() > MAX_LENGTH) {
            return false;
        }
        return encoder.matches(password, hash == null ? decoy.join() : hash);
    }

    /** Null when acceptable, else why not (for a 400). */
    public static String weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "a password may have at most " + MAX_LENGTH + " characters";
        }
        if (password.chars().distinct().count() < 5) {
            return "a password needs at least 5 different characters";
        }
        return null;
    }
}
