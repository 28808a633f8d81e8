package projmap.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Says loudly, at the end of a test run, which store suites were skipped (PostGIS missing on a
 * laptop), so that a green run without PostGIS is never mistaken for a full one.
 */
public final class SkippedSuites implements TestExecutionListener {
    private static final Set<String> SKIPPED = ConcurrentHashMap.newKeySet();

    public static void record(String message) {
        SKIPPED.add(message);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!SKIPPED.isEmpty()) {
            System.err.println();
            System.err.println("************************************************************************");
            System.err.println("*  WARNING: some suites were SKIPPED in this run (PostGIS or GDAL).      *");
            SKIPPED.forEach(m -> System.err.println("*  " + m));
            System.err.println("*  CI runs them (.ci/run sets PROJMAP_REQUIRE_POSTGIS and _GDAL=true).  *");
            System.err.println("************************************************************************");
        }
    }
}
