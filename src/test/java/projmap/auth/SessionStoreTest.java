package projmap.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
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

/** Sessions and API tokens expire, and only their hashes are stored; on both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionStoreTest {
    @Parameter
    StoreKind kind;

    TestDatabase testDb;
    Database db;
    LoginThrottleTest.ManualClock clock;
    SessionStore sessions;
    User user;

    @BeforeParameterizedClassInvocation
    void open() {
        testDb = TestDatabase.create(kind);
        db = testDb.open();
        clock = new LoginThrottleTest.ManualClock();
        UserStore users = new UserStore(db);
        sessions = new SessionStore(db, users, clock);
        user = db.inTransaction(c -> users.insert(c, "ann", null, Role.VIEWER, Set.of(), "not-a-real-hash"));
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

    @Test
    void a_session_expires_after_its_lifetime() {
        SessionStore.NewSession s = sessions.create(user);
        assertThat(sessions.bySession(s.id())).isPresent();
        clock.now = clock.now.plus(SessionStore.SESSION_LIFETIME).plusSeconds(1);
        assertThat(sessions.bySession(s.id())).isEmpty();
    }

    @Test
    void only_hashes_are_stored() {
        SessionStore.NewSession s = sessions.create(user);
        SessionStore.NewToken t = sessions.createToken(user, "script", null);
        String stored = db.read(c -> {
            StringBuilder sb = new StringBuilder();
            for (String sql : new String[] {"SELECT id_hash FROM sessions", "SELECT token_hash FROM api_tokens"}) {
                try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append(' ');
                    }
                }
            }
            return sb.toString();
        });
        assertThat(stored).doesNotContain(s.id()).doesNotContain(t.token()).contains(Secrets.sha256(s.id()));
    }

    @Test
    void a_token_with_an_expiry_stops_working_then() {
        SessionStore.NewToken t = sessions.createToken(user, "short", clock.instant().plus(Duration.ofDays(1)));
        assertThat(sessions.byToken(t.token())).isPresent();
        clock.now = clock.now.plus(Duration.ofDays(2));
        assertThat(sessions.byToken(t.token())).isEmpty();
        assertThat(sessions.byToken("pm_" + "x".repeat(43))).isEmpty();
    }
}
