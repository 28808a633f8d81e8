package projmap.exchange;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the GeoJSON and Shapefile readers: whatever the bytes, a
 * reader returns records or throws {@link FileRejectedException} (a clean 4xx) — never another
 * exception, a hang or an out-of-memory.
 *
 * <p>In a normal build ({@code mvn test}) Jazzer runs in regression mode: the seeds under
 * {@code src/test/resources/projmap/exchange/ReaderFuzzTestInputs/} and every crash it found
 * before, in seconds. To fuzz for real (README, "Exchange"):
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=ReaderFuzzTest#geojson_reader_never_fails_uncleanly -Djazzer.max_duration=10m}.
 */
class ReaderFuzzTest {
    private static final ImportLimits LIMITS = new ImportLimits(1 << 20, 8 << 20, 16, 10_000);

    @FuzzTest(maxDuration = "20s")
    void geojson_reader_never_fails_uncleanly(byte[] data) {
        try {
            SourceData d = GeoJsonSource.read(new ByteArrayInputStream(data), LIMITS);
            for (SourceFeature f : d.features()) {
                if (f.geometry() != null) {
                    f.geometry().getEnvelopeInternal();
                }
            }
        } catch (FileRejectedException expected) {
            // a clean refusal
        }
    }

    @FuzzTest(maxDuration = "20s")
    void shapefile_reader_never_fails_uncleanly(FuzzedDataProvider in) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-shp-");
        try {
            Path shp = dir.resolve("f.shp");
            Path shx = dir.resolve("f.shx");
            Path dbf = dir.resolve("f.dbf");
            Files.write(shp, in.consumeBytes(in.consumeInt(0, 4096)));
            Files.write(shx, in.consumeBytes(in.consumeInt(0, 1024)));
            Files.write(dbf, in.consumeRemainingAsBytes());
            try {
                ShapefileSource.read(List.of(shp, shx, dbf), ImportOptions.DEFAULT, LIMITS);
            } catch (FileRejectedException expected) {
                // a clean refusal
            }
        } finally {
            ExportWriter.deleteTree(dir);
        }
    }
}
