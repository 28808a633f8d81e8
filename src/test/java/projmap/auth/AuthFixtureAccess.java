package projmap.auth;

import projmap.store.Database;
import projmap.testing.TestServer;
import projmap.testing.TestSession;

/** {@link AuthFixture} for suites in other packages. */
public final class AuthFixtureAccess {
    public static final String HOUSING = AuthFixture.HOUSING;
    public static final String URBAN = AuthFixture.URBAN;

    private AuthFixtureAccess() {
    }

    public static void seed(Database db) {
        AuthFixture.seed(db);
    }

    public static TestSession account(TestServer server, TestSession admin, String username, String role,
                                      String... departments) {
        return AuthFixture.account(server, admin, username, role, departments);
    }
}
