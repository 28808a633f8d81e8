package projmap.zones;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.locationtech.jts.io.WKBWriter;

/**
 * A layer's content hash, its version (shown in site-check reports, the key of its cached tiles):
 * SHA-256 over its features in order — per feature its code, name and attributes as UTF-8 (null
 * as the text "null"), each followed by a zero byte, then its geometry as 2D big-endian WKB.
 *
 * <p>{@link #holding} makes one that keeps the features' bytes, up to a limit, off the heap and
 * digests them only in {@link #hex}: a bulk load calls that on a thread of its own while
 * PostgreSQL builds the layer's spatial index, when the command's cores are otherwise idle. On a
 * command run by C1 alone (the launcher) SHA-256 is plain Java, about 0.3 s of the load's CPU for
 * 200,000 polygons, which the busy part of the load then no longer pays. Past the limit the held
 * bytes are digested at once and the rest as it comes, so the order, and the hash, stay the same.
 */
public final class ContentHash {
    private static final int CHUNK = 4 << 20;
    private static final byte[] NULL_TEXT = "null".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ZERO = {0};

    private final MessageDigest sha;
    private final WKBWriter wkb = new WKBWriter(2);
    // one feature's bytes gathered in a reused buffer and digested in one call: seven small
    // updates per feature cost more than the hashing itself on a 200,000-feature import
    private byte[] buf = new byte[1024];
    private int len;
    private final List<ByteBuffer> held = new ArrayList<>();
    private final int chunk;
    private long holdLimit;

    public ContentHash() {
        this(0);
    }

    private ContentHash(long holdLimit) {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
        this.holdLimit = holdLimit;
        this.chunk = (int) Math.min(CHUNK, Math.max(1, holdLimit));
    }

    /** A hash that keeps up to {@code limit} bytes of its features (outside the heap) for {@link #hex} to digest. */
    public static ContentHash holding(long limit) {
        return new ContentHash(limit);
    }

    public void add(ZoneFeature f) {
        add(utf8(f.code()), utf8(f.name()), utf8(f.attributes()), wkb.write(f.geometry()));
    }

    /**
     * As {@link #add(ZoneFeature)}, with the feature's code, name and attributes already UTF-8
     * (a null one as null: digested as the text "null") and its geometry as 2D big-endian WKB
     * without SRID ({@code new WKBWriter(2).write(g)}), so that a load that sends those bytes
     * anyway makes them once, on the thread that checked the feature.
     */
    public void add(byte[] code, byte[] name, byte[] attributes, byte[] geometryWkb) {
        len = 0;
        for (byte[] b : new byte[][] {code, name, attributes}) {
            byte[] text = b == null ? NULL_TEXT : b;
            put(text, text.length);
            put(ZERO, 1);
        }
        put(geometryWkb, geometryWkb.length);
        if (!hold()) {
            sha.update(buf, 0, len);
        }
    }

    /** Keeps the feature's bytes in the last chunk or a new one, if the limit allows; else digests all held so far and keeps no more. */
    private boolean hold() {
        if (holdLimit == 0) {
            return false;
        }
        ByteBuffer last = held.isEmpty() ? null : held.get(held.size() - 1);
        if (last == null || last.remaining() < len) {
            if (len > chunk || (long) (held.size() + 1) * chunk > holdLimit) {
                return stopHolding();
            }
            try {
                last = ByteBuffer.allocateDirect(chunk);
            } catch (OutOfMemoryError e) {
                return stopHolding();   // no direct memory left (other loads hold theirs)
            }
            held.add(last);
        }
        last.put(buf, 0, len);
        return true;
    }

    /** Digests what is held and holds nothing more: the rest is digested as it comes, in order. */
    private boolean stopHolding() {
        digestHeld();
        holdLimit = 0;
        return false;
    }

    private void digestHeld() {
        for (ByteBuffer b : held) {
            sha.update(b.flip());
        }
        held.clear();
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private void put(byte[] b, int n) {
        if (len + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(b, 0, buf, len, n);
        len += n;
    }

    /** The digest, in hex, of everything added (held bytes first digested); ends the hash: call once. */
    public String hex() {
        digestHeld();
        return HexFormat.of().formatHex(sha.digest());
    }
}
