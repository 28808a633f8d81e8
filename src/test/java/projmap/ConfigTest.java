package projmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void defaults_are_the_embedded_store_on_port_7070_under_var() {
        Config c = Config.load(Map.of(), List.of());
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.home().toString()).isEqualTo("./var");
        assertThat(c.embeddedStore()).isTrue();
        assertThat(c.publicRead()).isTrue();
    }

    @Test
    void flags_win_over_environment_variables() {
        Config c = Config.load(Map.of("PROJMAP_PORT", "8080", "PROJMAP_DB_URL", "jdbc:postgresql://db/projmap"),
                List.of("serve", "--port=9090", "--db-user", "planner"));
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.dbUrl()).contains("jdbc:postgresql://db/projmap");
        assertThat(c.dbUser()).isEqualTo("planner");
    }

    @Test
    void a_wrong_value_names_the_variable_and_what_was_expected() {
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_PORT", "seventy"), List.of()))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessage("PROJMAP_PORT: expected a TCP port number from 0 to 65535, got 'seventy'");
        assertThatThrownBy(() -> Config.load(Map.of(), List.of("--port=99999")))
                .hasMessageStartingWith("--port: expected a TCP port number");
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_DB_URL", "mysql://x"), List.of()))
                .hasMessageStartingWith("PROJMAP_DB_URL: expected a PostgreSQL JDBC URL");
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_PUBLIC_READ", "maybe"), List.of()))
                .hasMessageStartingWith("PROJMAP_PUBLIC_READ: expected true or false");
        assertThatThrownBy(() -> Config.load(Map.of(), List.of("--colour=red")))
                .hasMessage("--colour: unknown option (see --help)");
    }

    @Test
    void the_password_never_reaches_the_log_line() {
        Config c = Config.load(Map.of("PROJMAP_DB_URL", "jdbc:postgresql://db/p?password=secret"), List.of());
        assertThat(c.describe()).doesNotContain("secret").contains("password=***");
    }

    @Test
    void site_check_settings_come_from_variables_and_flags() {
        Config d = Config.load(Map.of(), List.of());
        assertThat(d.checks()).isEqualTo(projmap.checks.CheckSettings.defaults());
        Config c = Config.load(Map.of("PROJMAP_CHECK_TOLERANCE_M2", "5", "PROJMAP_CHECK_INCOMPATIBLE_SHARE", "0.1"),
                List.of("--check-max-vertices=2000", "--check-background", "false"));
        assertThat(c.checks().toleranceM2()).isEqualTo(5.0);
        assertThat(c.checks().incompatibleShareLimit()).isEqualTo(0.1);
        assertThat(c.checks().maxVertices()).isEqualTo(2000);
        assertThat(c.checks().background()).isFalse();
        assertThat(c.checks().insideShare()).isEqualTo(0.999);
    }

    @Test
    void a_wrong_site_check_setting_names_it() {
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_CHECK_TOLERANCE_M2", "-1"), List.of()))
                .hasMessage("PROJMAP_CHECK_TOLERANCE_M2: expected a positive number, got '-1'");
        assertThatThrownBy(() -> Config.load(Map.of(), List.of("--check-incompatible-share=5")))
                .hasMessageStartingWith("--check-incompatible-share: expected a share above 0 and at most 1");
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_CHECK_MAX_VERTICES", "10.5"), List.of()))
                .hasMessage("PROJMAP_CHECK_MAX_VERTICES: expected a whole number of vertices, got '10.5'");
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_CHECK_COMPATIBILITY", "/no/such/matrix.csv"), List.of()))
                .hasMessageStartingWith("PROJMAP_CHECK_COMPATIBILITY: expected a readable compatibility matrix file");
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_CHECK_BACKGROUND", "sometimes"), List.of()))
                .hasMessageStartingWith("PROJMAP_CHECK_BACKGROUND: expected true or false");
    }

    @Test
    void the_lagging_rule_and_score_weights_are_settings() {
        Config defaults = Config.load(Map.of(), List.of());
        assertThat(defaults.progress()).isEqualTo(projmap.progress.ProgressSettings.defaults());
        Config c = Config.load(Map.of("PROJMAP_LAGGING_TOLERANCE", "0.2", "PROJMAP_REPORT_DUE_DAY", "10"),
                List.of("--score-weights=0.5, 0.25,0.25", "--report-due-day", "8"));
        assertThat(c.progress().laggingTolerance()).isEqualByComparingTo("0.2");
        assertThat(c.progress().reportDueDay()).isEqualTo(8);
        assertThat(c.progress().supervision().weights()).containsExactly(
                Map.entry("onTimeReportRate", 0.5), Map.entry("milestoneHitRate", 0.25), Map.entry("investmentRate", 0.25));
        assertThat(c.describe()).contains("laggingTolerance=0.2 reportDueDay=8 scoreWeights=0.5,0.25,0.25");
    }

    @Test
    void a_wrong_lagging_or_score_setting_is_one_line_naming_it() {
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_LAGGING_TOLERANCE", "10%"), List.of()))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessage("PROJMAP_LAGGING_TOLERANCE: expected a share from 0 to 1 (0.10 = 10 percentage points "
                        + "behind the plan curve), got '10%'");
        assertThatThrownBy(() -> Config.load(Map.of(), List.of("--lagging-tolerance=1.5")))
                .hasMessageStartingWith("--lagging-tolerance: expected a share from 0 to 1");
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_REPORT_DUE_DAY", "31"), List.of()))
                .hasMessage("PROJMAP_REPORT_DUE_DAY: expected a day of the month from 1 to 28, got '31'");
        assertThatThrownBy(() -> Config.load(Map.of(), List.of("--report-due-day=fifth")))
                .hasMessageStartingWith("--report-due-day: expected a day of the month");
        for (String bad : List.of("0.5,0.5", "0.5,0.3,0.3", "a,b,c", "-0.2,0.6,0.6", "0.4,0.3,0.3,0")) {
            assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_SCORE_WEIGHTS", bad), List.of()))
                    .as(bad)
                    .hasMessage("PROJMAP_SCORE_WEIGHTS: expected three weights from 0 to 1 adding up to 1 "
                            + "(on-time reports,milestones,investment, e.g. 0.4,0.3,0.3), got '" + bad + "'")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void tour_settings_come_from_variables_and_flags_and_a_wrong_one_is_named() {
        Config c = Config.load(Map.of("PROJMAP_TOUR_SPEED_KMH", "40"), List.of("--tour-basemap-offline=true"));
        assertThat(c.tours().speedKmh()).isEqualTo(40.0);
        assertThat(c.tours().basemapOffline()).isTrue();
        assertThat(c.tours().detourFactor()).isEqualTo(1.3);
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_TOUR_DETOUR", "0.5"), List.of()))
                .hasMessage("PROJMAP_TOUR_DETOUR: expected a number from 1 to 5, got '0.5'");
        assertThatThrownBy(() -> Config.load(Map.of(), List.of("--tour-arrival-m=far")))
                .hasMessage("--tour-arrival-m: expected a number from 10 to 5000, got 'far'");
    }

    @Test
    void the_memory_bound_of_planning_layers_is_a_setting_and_a_wrong_one_is_named() {
        assertThat(Config.load(Map.of(), List.of()).memoryLayerMaxFeatures()).isEqualTo(1_500_000);
        assertThat(Config.load(Map.of("PROJMAP_MEMORY_LAYER_MAX_FEATURES", "0"), List.of()).memoryLayerMaxFeatures()).isZero();
        assertThat(Config.load(Map.of("PROJMAP_MEMORY_LAYER_MAX_FEATURES", "0"), List.of("--memory-layer-max-features=20000"))
                .memoryLayerMaxFeatures()).isEqualTo(20_000);
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_MEMORY_LAYER_MAX_FEATURES", "-1"), List.of()))
                .hasMessage("PROJMAP_MEMORY_LAYER_MAX_FEATURES: expected a whole number of features (0 or more;"
                        + " 0 keeps no layer in memory for maps), got '-1'");
        assertThatThrownBy(() -> Config.load(Map.of(), List.of("--memory-layer-max-features=many")))
                .hasMessageStartingWith("--memory-layer-max-features: expected a whole number");
    }

    @Test
    void the_tile_caches_sizes_are_settings_and_zero_switches_one_off() {
        Config defaults = Config.load(Map.of(), List.of());
        assertThat(defaults.maps().tileCacheBytes()).isEqualTo(64L << 20);
        assertThat(defaults.maps().tileDiskCacheBytes()).isEqualTo(1024L << 20);
        Config off = Config.load(Map.of("PROJMAP_TILE_CACHE_MB", "0"), List.of("--tile-disk-cache-mb=0"));
        assertThat(off.maps().tileCacheMb()).isZero();
        assertThat(off.maps().tileDiskCacheMb()).isZero();
        assertThat(off.describe()).contains("tileCacheMb=0 tileDiskCacheMb=0");
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_TILE_CACHE_MB", "lots"), List.of()))
                .hasMessage("PROJMAP_TILE_CACHE_MB: expected a whole number of megabytes (0 or more;"
                        + " 0: no tile cache in memory), got 'lots'");
        assertThatThrownBy(() -> Config.load(Map.of(), List.of("--tile-disk-cache-mb=-5")))
                .hasMessageStartingWith("--tile-disk-cache-mb: expected a whole number of megabytes");
    }
}
