package projmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line as an operator meets it: a separate JVM, its exit status and its one line. */
class MainTest {
    record Run(int exit, String stdout, String stderr) {
    }

    static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), "projmap.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("PROJMAP_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void help_lists_the_commands_and_every_setting() throws Exception {
        Run r = run(Map.of(), "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).contains("serve", "demo --reset", "PROJMAP_PORT", "PROJMAP_HOME", "PROJMAP_DB_URL",
                "PROJMAP_DB_USER", "PROJMAP_DB_PASSWORD");
    }

    @Test
    void a_wrong_setting_stops_start_up_with_one_line_naming_it() throws Exception {
        Run r = run(Map.of("PROJMAP_PORT", "http"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo("projmap: PROJMAP_PORT: expected a TCP port number from 0 to 65535, got 'http'");

        Run db = run(Map.of("PROJMAP_DB_URL", "postgres://localhost/x"));
        assertThat(db.exit()).isEqualTo(2);
        assertThat(db.stderr().strip().lines().count()).isEqualTo(1);
        assertThat(db.stderr()).contains("PROJMAP_DB_URL");
    }

    @Test
    void an_unreachable_database_is_one_clear_line_not_a_stack_trace() throws Exception {
        Run r = run(Map.of("PROJMAP_DB_URL", "jdbc:postgresql://127.0.0.1:1/none"), "demo", "--reset");
        assertThat(r.exit()).isEqualTo(2);
        String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("projmap: PROJMAP_DB_URL: cannot use the database");
        assertThat(r.stderr()).doesNotContain("\tat ");
    }

    @Test
    void an_unknown_command_is_refused() throws Exception {
        Run r = run(Map.of(), "fly");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("unknown command 'fly'");
    }
}
