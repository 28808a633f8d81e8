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
        ZoneStore.ContentHash fromFeatures = new ZoneStore.ContentHash();
        ZoneStore.ContentHash fromBytes = new ZoneStore.ContentHash();
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

        ZoneStore.ContentHash other = new ZoneStore.ContentHash();
        other.add(utf8("R3"), utf8("二类居住用地"), utf8("{\"容积率\":2.5}"), wkb.write(square));
        ZoneStore.ContentHash first = new ZoneStore.ContentHash();
        first.add(features.get(0));
        assertThat(other.hex()).as("one changed byte, another hash").isNotEqualTo(first.hex());
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
