package projmap.exchange;

import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows for {@code COPY … FROM STDIN (FORMAT binary)}, encoded into one reused buffer and sent in
 * large chunks. Binary rather than text because the server then takes each value as it is: text
 * without escaping, JSONB as its version byte and text, geometry as EWKB bytes handed straight to
 * PostGIS's receive function — no hex on either side, no per-row strings on the client. Not
 * thread-safe; one per COPY.
 */
final class BinaryCopyRows {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final int FLUSH_BYTES = 1 << 18;
    private static final byte JSONB_VERSION = 1;

    private final CopyIn copy;
    private byte[] buf = new byte[FLUSH_BYTES + 8192];
    private int len;

    BinaryCopyRows(CopyIn copy) {
        this.copy = copy;
        put(HEADER, 0, HEADER.length);
    }

    /** Starts a row of {@code fields} values. */
    BinaryCopyRows row(int fields) {
        ensure(2);
        buf[len++] = (byte) (fields >> 8);
        buf[len++] = (byte) fields;
        return this;
    }

    /** A text (or varchar) value already UTF-8; null as SQL NULL. */
    BinaryCopyRows text(byte[] utf8) {
        if (utf8 == null) {
            putInt(-1);
            return this;
        }
        putInt(utf8.length);
        put(utf8, 0, utf8.length);
        return this;
    }

    /** A JSONB value from its JSON text already UTF-8. */
    BinaryCopyRows jsonb(byte[] utf8) {
        putInt(utf8.length + 1);
        ensure(1);
        buf[len++] = JSONB_VERSION;
        put(utf8, 0, utf8.length);
        return this;
    }

    /**
     * A geometry value from its 2D big-endian WKB (as {@code new WKBWriter(2).write(g)} gives it),
     * sent as EWKB with {@code srid}: the same bytes with the SRID flag on the outer type and the
     * SRID after it — what PostGIS itself writes.
     */
    BinaryCopyRows geometryWkb(byte[] wkb, int srid) {
        if (wkb.length < 5 || wkb[0] != 0) {
            throw new IllegalArgumentException("expected big-endian WKB");
        }
        putInt(wkb.length + 4);
        ensure(wkb.length + 4);
        buf[len++] = 0;
        buf[len++] = (byte) (wkb[1] | 0x20);   // the SRID flag, 0x20000000 of the big-endian type
        buf[len++] = wkb[2];
        buf[len++] = wkb[3];
        buf[len++] = wkb[4];
        putInt(srid);
        put(wkb, 5, wkb.length - 5);
        return this;
    }

    /** Ends a row: sends the buffer once it is large (a row is never split, so the length patch above stays valid). */
    void endRow() throws SQLException {
        if (len >= FLUSH_BYTES) {
            send();
        }
    }

    /** Sends the trailer and what is buffered, and ends the COPY. */
    void finish() throws SQLException {
        ensure(2);
        buf[len++] = (byte) 0xff;
        buf[len++] = (byte) 0xff;
        send();
        copy.endCopy();
    }

    private void send() throws SQLException {
        if (len > 0) {
            copy.writeToCopy(buf, 0, len);
            len = 0;
        }
    }

    private void putInt(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
