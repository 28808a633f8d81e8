package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The import's reading thread: order kept, work done on the other thread, failures passed on, early stop. */
class PrefetchedTest {
    @Test
    void items_come_out_in_order_with_the_work_applied_on_another_thread() {
        List<Integer> source = IntStream.range(0, 5_000).boxed().toList();
        List<String> seen = new ArrayList<>();
        String caller = Thread.currentThread().getName();
        try (Prefetched<String> p = Prefetched.of(source, i -> i + "@" + Thread.currentThread().getName())) {
            p.forEachRemaining(seen::add);
        }
        assertThat(seen).hasSize(5_000);
        assertThat(seen.get(0)).isEqualTo("0@projmap-import-reader");
        assertThat(seen.get(4_999)).isEqualTo("4999@projmap-import-reader");
        assertThat(caller).isNotEqualTo("projmap-import-reader");
    }

    @Test
    void a_failure_of_the_source_reaches_the_caller_unchanged_after_the_items_before_it() {
        Iterable<Integer> failing = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (i == 1_000) {
                    throw new FileRejectedException("corrupt_shapefile", "record 1001 cannot be read");
                }
                return i++;
            }
        };
        List<Integer> seen = new ArrayList<>();
        try (Prefetched<Integer> p = Prefetched.of(failing, i -> i)) {
            assertThatThrownBy(() -> p.forEachRemaining(seen::add))
                    .isInstanceOfSatisfying(FileRejectedException.class, e -> assertThat(e.code()).isEqualTo("corrupt_shapefile"));
        }
        assertThat(seen).hasSize(1_000).endsWith(999);
    }

    @Test
    void closing_early_stops_the_reading_thread() throws Exception {
        Iterable<Integer> endless = () -> IntStream.iterate(0, i -> i + 1).iterator();
        Prefetched<Integer> p = Prefetched.of(endless, i -> i);
        assertThat(p.next()).isZero();
        p.close();
        Thread.sleep(300);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("projmap-import-reader") && t.isAlive());
    }
}
