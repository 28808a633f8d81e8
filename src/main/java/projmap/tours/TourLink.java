package projmap.tours;

import java.time.Instant;

/** A published read-only link of a tour, as stored (the token only as its hash). */
record TourLink(String tokenHash, long tourId, Instant expiresAt, String pinHash, Instant createdAt, Instant revokedAt) {

    boolean revoked() {
        return revokedAt != null;
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
