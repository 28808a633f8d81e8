package projmap.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * GDAL's command-line tools for tests: {@code ogrinfo} reads our exports, {@code ogr2ogr} writes
 * inputs. Without GDAL the tests that need it are skipped loudly — unless
 * {@code PROJMAP_REQUIRE_GDAL=true} (as in CI), where they fail.
 */
final class Gdal {
    static final boolean REQUIRED = Boolean.parseBoolean(System.getenv().getOrDefault("PROJMAP_REQUIRE_GDAL", "false"));

    private Gdal() {
    }

    static void require() {
        boolean present;
        try {
            present = run(List.of("ogrinfo", "--version")).exit == 0;
        } catch (RuntimeException e) {
            present = false;
        }
        if (!present) {
            String message = "GDAL (ogrinfo) is not installed: the GDAL round-trip tests are SKIPPED; apt-get install gdal-bin";
            if (REQUIRED) {
                throw new AssertionError("PROJMAP_REQUIRE_GDAL=true but " + message);
            }
            System.err.println("WARNING: " + message);
            projmap.testing.SkippedSuites.record(message);
            Assumptions.abort(message);
        }
    }

    record Result(int exit, String out) {
    }

    static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code ogrinfo -al -so}: summary of every layer (feature count, fields, CRS). */
    static String summary(String file) {
        Result r = run(List.of("ogrinfo", "-ro", "-al", "-so", file));
        if (r.exit != 0) {
            throw new AssertionError("ogrinfo cannot open " + file + ":\n" + r.out);
        }
        return r.out;
    }

    /** The total feature count over every layer GDAL sees. */
    static int featureCount(String file) {
        int total = 0;
        for (String line : summary(file).lines().toList()) {
            if (line.startsWith("Feature Count:")) {
                total += Integer.parseInt(line.substring("Feature Count:".length()).trim());
            }
        }
        return total;
    }

    /** Runs ogr2ogr with the given arguments; fails the test when it fails. */
    static void ogr2ogr(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr"));
        cmd.addAll(List.of(args));
        Result r = run(cmd);
        if (r.exit != 0) {
            throw new AssertionError("ogr2ogr failed: " + cmd + "\n" + r.out);
        }
    }
}
