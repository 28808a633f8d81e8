package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The import's reading and checking threads: order kept, work done on other threads, failures passed on, early stop. */
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
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).startsWith(i + "@projmap-import-check-");
        }
        assertThat(caller).doesNotStartWith("projmap-import-");
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
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("projmap-import-") && t.isAlive());
    }

    @Test
    void a_failure_of_the_work_reaches_the_caller_unchanged_after_the_items_before_it_with_several_threads() {
        List<Integer> source = IntStream.range(0, 10_000).boxed().toList();
        List<Integer> seen = new ArrayList<>();
        try (Prefetched<Integer> p = Prefetched.of(source, i -> {
            if (i == 7_777) {
                throw new FileRejectedException("bad_record", "record 7778 cannot be read");
            }
            return i;
        }, 3)) {
            assertThatThrownBy(() -> p.forEachRemaining(seen::add))
                    .isInstanceOfSatisfying(FileRejectedException.class, e -> assertThat(e.code()).isEqualTo("bad_record"));
        }
        assertThat(seen).hasSize(7_777).endsWith(7_776);
        assertThat(seen).isSorted();
    }
}
