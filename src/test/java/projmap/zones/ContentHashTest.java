package projmap.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

/** A layer's content hash: the same whether a load hands it the features or their bytes (encoded once for the COPY), and the same bytes as ever. */
class ContentHashTest {
    @Test
    void the_encoded_features_digest_to_the_same_hash_as_the_features() throws Exception {
        var square = new WKTReader().read("POLYGON ((114 33, 114.001 33, 114.001 33.001, 114 33.001, 114 33))");
        List<ZoneFeature> features = List.of(
                new ZoneFeature(0, "l", "R2", "二类居住用地", "{\"容积率\":2.5}", square),
                new ZoneFeature(0, "l", null, null, "{}", square),          // no code, no name
                new ZoneFeature(0, "l", "null", "", null, square));         // the text "null" and nothing: as null is digested
        ContentHash fromFeatures = new ContentHash();
        ContentHash fromBytes = new ContentHash();
        WKBWriter wkb = new WKBWriter(2);
        for (ZoneFeature f : features) {
            fromFeatures.add(f);
            fromBytes.add(utf8(f.code()), utf8(f.name()), utf8(f.attributes()), wkb.write(f.geometry()));
        }
        String featuresHex = fromFeatures.hex();   // hex() ends the digest: taken once
        assertThat(fromBytes.hex()).isEqualTo(featuresHex).isEqualTo(ZoneStore.contentHash(features)).hasSize(64);

        // what a layer's stored hash has always been: per feature its code, name and attributes as
        // UTF-8 (null as "null"), each followed by a zero byte, then its 2D big-endian WKB
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (ZoneFeature f : features) {
            for (String text : new String[] {f.code(), f.name(), f.attributes()}) {
                sha.update(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            sha.update(wkb.write(f.geometry()));
        }
        assertThat(featuresHex).isEqualTo(java.util.HexFormat.of().formatHex(sha.digest()));

        ContentHash other = new ContentHash();
        other.add(utf8("R3"), utf8("二类居住用地"), utf8("{\"容积率\":2.5}"), wkb.write(square));
        ContentHash first = new ContentHash();
        first.add(features.get(0));
        assertThat(other.hex()).as("one changed byte, another hash").isNotEqualTo(first.hex());
    }

    @Test
    void a_hash_that_holds_the_bytes_digests_to_the_same_hash_within_its_limit_past_it_and_on_another_thread() throws Exception {
        WKBWriter wkb = new WKBWriter(2);
        WKTReader wkt = new WKTReader();
        List<ZoneFeature> features = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // a bigger ring every few features: some of them need a chunk of their own, or do not fit one
            StringBuilder ring = new StringBuilder("POLYGON ((114 33");
            for (int k = 1; k <= 3 + (i % 7) * 4; k++) {
                ring.append(", ").append(114 + k * 0.001).append(' ').append(33 + (k % 2) * 0.001);
            }
            features.add(new ZoneFeature(0, "l", "R" + i, i % 5 == 0 ? null : "地块" + i, "{\"序号\":" + i + "}",
                    wkt.read(ring.append(", 114 33))").toString())));
        }
        String plain = ZoneStore.contentHash(features);
        // no limit, a limit of a few features (the held ones digested, then the rest as they come),
        // one smaller than most features, one far above the layer
        for (long limit : new long[] {0, 700, 2_000, 150, 1L << 20}) {
            ContentHash held = ContentHash.holding(limit);
            for (ZoneFeature f : features) {
                held.add(utf8(f.code()), utf8(f.name()), utf8(f.attributes()), wkb.write(f.geometry()));
            }
            String digested = java.util.concurrent.CompletableFuture.supplyAsync(held::hex).get();
            assertThat(digested).as("holding at most %d bytes", limit).isEqualTo(plain);
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
