package projmap.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs GDAL's command-line tools (Debian's gdal-bin) for tests that prove real clients read our
 * layers. Without GDAL such a test is skipped loudly — unless {@code PROJMAP_REQUIRE_GDAL=true}
 * (as in CI), where it fails.
 */
public final class Gdal {
    public static final boolean REQUIRED = Boolean.parseBoolean(System.getenv("PROJMAP_REQUIRE_GDAL"));

    private Gdal() {
    }

    /** The result of one run: exit code and everything printed. */
    public record Run(int exitCode, String output) {
    }

    /** Skips (or, when required, fails) the calling test unless {@code ogrinfo} runs. */
    public static void require() {
        String problem;
        try {
            Run r = run("ogrinfo", "--version");
            if (r.exitCode() == 0 && r.output().startsWith("GDAL")) {
                return;
            }
            problem = "ogrinfo --version answered " + r.exitCode() + ": " + r.output();
        } catch (IllegalStateException e) {
            problem = e.getMessage();
        }
        String message = "GDAL (gdal-bin) is not usable (" + problem + ") — the GDAL client test is SKIPPED; "
                + "apt-get install gdal-bin, or run .ci/run";
        if (REQUIRED) {
            throw new AssertionError("PROJMAP_REQUIRE_GDAL=true but " + message);
        }
        SkippedSuites.record(message);
        Assumptions.abort(message);
    }

    public static Run run(String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // GDAL's HTTP client must not go through a proxy for loopback, nor cache between runs
        pb.environment().put("NO_PROXY", "127.0.0.1,localhost");
        pb.environment().put("GDAL_HTTP_TIMEOUT", "60");
        pb.environment().put("CPL_VSIL_CURL_USE_CACHE", "NO");
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", cmd));
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " cannot be started: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
