package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The attributes an import keeps are written as JSON text by a streaming generator; the text must
 * be what Jackson's tree model writes for the same values (the stored form before, and what the
 * content hash of a layer is made from).
 */
class FieldMappingJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writes_what_the_tree_model_writes_for_every_kind_of_value() {
        Random random = new Random(20261202);
        for (int n = 0; n < 5_000; n++) {
            Map<String, Object> extra = new LinkedHashMap<>();
            int size = random.nextInt(7);
            for (int i = 0; i < size; i++) {
                extra.put(key(random, i), value(random));
            }
            assertThat(FieldMapping.json(extra)).as("%s", extra).isEqualTo(tree(extra));
        }
    }

    @Test
    void leaves_out_missing_values_and_writes_an_empty_object_for_none() {
        Map<String, Object> extra = new LinkedHashMap<>();
        assertThat(FieldMapping.json(extra)).isEqualTo("{}");
        extra.put("备注", null);
        extra.put("高度", 12);
        assertThat(FieldMapping.json(extra)).isEqualTo("{\"高度\":12}");
    }

    private static String key(Random r, int i) {
        String[] keys = {"备注", "name \"quoted\"", "tab\there", "BZ", "ÿ\u0001", "面积(亩)"};
        return keys[r.nextInt(keys.length)] + i;
    }

    private static Object value(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> null;
            case 1 -> new BigDecimal(r.nextInt(2_000_000) - 1_000_000).movePointLeft(r.nextInt(5));
            case 2 -> new BigDecimal("1E+3");
            case 3 -> r.nextLong();
            case 4 -> r.nextInt();
            case 5 -> r.nextBoolean() ? r.nextDouble() * 1e6 : (r.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY);
            case 6 -> r.nextBoolean();
            case 7 -> LocalDate.of(2020 + r.nextInt(8), 1 + r.nextInt(12), 1 + r.nextInt(28));
            case 8 -> "地块\"" + r.nextInt(100) + "\"\n\\ \u2028";
            default -> 1.5f;
        };
    }

    /** The former way: the tree model's text. */
    private static String tree(Map<String, Object> extra) {
        ObjectNode n = JSON.createObjectNode();
        extra.forEach((k, v) -> {
            if (v instanceof BigDecimal d) {
                n.put(k, d);
            } else if (v instanceof Long l) {
                n.put(k, l);
            } else if (v instanceof Integer i) {
                n.put(k, i);
            } else if (v instanceof Double d && Double.isFinite(d)) {
                n.put(k, d);
            } else if (v instanceof Boolean b) {
                n.put(k, b);
            } else if (v != null) {
                n.put(k, v.toString());
            }
        });
        return n.toString();
    }
}
