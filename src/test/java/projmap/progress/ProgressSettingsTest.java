package projmap.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.testing.TestSession;

/** The lagging tolerance, report due day and score weights from the configuration reach the API. */
class ProgressSettingsTest {
    @Test
    void the_configured_rule_and_weights_are_the_ones_the_api_applies() {
        ProgressSettings settings = new ProgressSettings(new BigDecimal("0.25"), 12, 0.5, 0.2, 0.3);
        try (TestServer server = TestServer.start(StoreKind.H2GIS,
                c -> c.withAdminPassword("admin-test-Pa55word").withProgress(settings),
                projmap.auth.AuthFixtureAccess::seed)) {
            TestSession admin = TestSession.login(server, "admin", "admin-test-Pa55word");
            JsonNode rule = admin.json("/api/supervision").path("rule");
            assertThat(rule.path("toleranceShare").decimalValue()).isEqualByComparingTo("0.25");
            assertThat(rule.path("reportDueDay").asInt()).isEqualTo(12);
            JsonNode weights = admin.json("/api/scores").path("weights");
            assertThat(weights.path("onTimeReportRate").asDouble()).isEqualTo(0.5);
            assertThat(weights.path("milestoneHitRate").asDouble()).isEqualTo(0.2);
            assertThat(weights.path("investmentRate").asDouble()).isEqualTo(0.3);
        }
    }
}
