package projmap.zones;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Map;
import projmap.Config;
import projmap.store.Database;

/**
 * How much heap one planning layer's {@link LayerSnapshot} takes (README "Map layers": the memory
 * bound), measured: heap in use after a full collection, before and after reading the layer, the
 * snapshot kept reachable. Not a test; run against a database that holds the layer:
 *
 * <pre>
 * java -Xmx3g -cp target/classes:target/test-classes:$(cat cp.txt) projmap.zones.LayerSnapshotSize \
 *     'jdbc:postgresql://127.0.0.1:PORT/DB?currentSchema=projmap,public' postgres landuse1m
 * </pre>
 */
public final class LayerSnapshotSize {
    private LayerSnapshotSize() {
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.load(Map.of(), List.of()).withDatabase(args[0], args[1], "");
        try (Database db = Database.open(config)) {
            ZoneStore zones = new ZoneStore(db);
            for (int i = 2; i < args.length; i++) {
                ZoneLayer layer = zones.layer(args[i]).orElseThrow(() -> new IllegalArgumentException("no such layer"));
                long before = used();
                long t0 = System.nanoTime();
                LayerSnapshot snapshot;
                try (LayerSnapshots snapshots = new LayerSnapshots(zones)) {
                    snapshot = snapshots.get(layer);
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                long after = used();
                System.out.printf("%s: %,d features, %.1f MB held (%.0f bytes a feature), read in %,d ms%n", layer.id(),
                        snapshot.size(), (after - before) / 1e6, (after - before) / (double) snapshot.size(), ms);
                System.out.println(snapshot.feature(0).id() > 0 ? "" : "?");   // keeps the snapshot reachable until here
            }
        }
    }

    private static long used() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
