package projmap.tours;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Link tokens and PINs of published tours.
 *
 * <p>A token is 256 random bits from {@link SecureRandom}, base64url without padding (43
 * characters); only its SHA-256 is stored, so a copy of the database opens no tour, and a lookup is
 * by hash (a plain index lookup cannot leak the token through timing, since the attacker does not
 * control the hash). A PIN is stored as PBKDF2-HMAC-SHA256 with a random salt, compared in constant
 * time. Thread-safe.
 */
final class TourSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TOKEN_CODEC = Base64.getUrlEncoder().withoutPadding();
    private static final int PBKDF2_ITERATIONS = 120_000;

    private TourSecrets() {
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TOKEN_CODEC.encodeToString(bytes);
    }

    /** True when {@code token} has the shape {@link #newToken} produces (checked before any lookup). */
    static boolean wellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c ->
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    static String hashToken(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key a PIN-protected link's page sends with its tiles, photos and notes (an image or tile
     * request cannot carry the PIN header): derived from the stored PIN hash, so it is handed out
     * only with the document the PIN opens, and it changes when the link does.
     */
    static String assetKey(String tokenHash, String pinHash) {
        return hashToken(tokenHash + "|" + pinHash).substring(0, 32);
    }

    static boolean sameKey(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code pbkdf2-sha256$iterations$salt$hash}, hex. */
    static String hashPin(String pin) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + PBKDF2_ITERATIONS + "$" + HexFormat.of().formatHex(salt) + "$"
                + HexFormat.of().formatHex(pbkdf2(pin, salt, PBKDF2_ITERATIONS));
    }

    static boolean pinMatches(String pin, String stored) {
        if (pin == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4) {
            return false;
        }
        byte[] salt = HexFormat.of().parseHex(parts[2]);
        byte[] expected = HexFormat.of().parseHex(parts[3]);
        return MessageDigest.isEqual(expected, pbkdf2(pin, salt, Integer.parseInt(parts[1])));
    }

    private static byte[] pbkdf2(String pin, byte[] salt, int iterations) {
        try {
            var spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }
}
