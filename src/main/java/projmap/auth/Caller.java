package projmap.auth;

/**
 * Who is making the current request and how they proved it: with a session cookie (then
 * {@code csrfToken} is the session's token that state changes must echo) or with an API token
 * ({@code csrfToken} null: a bearer token is never sent by a browser on its own, so it needs none).
 */
public record Caller(User user, String csrfToken, String sessionHash) {
    public boolean viaToken() {
        return sessionHash == null;
    }

    public String name() {
        return user.username();
    }
}
