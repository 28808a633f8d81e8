package projmap.exchange;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import org.h2gis.functions.io.dbf.internal.DbaseFileHeader;

/**
 * The fields of a shapefile's .dbf records, decoded straight from their bytes: a run of records is
 * read in one positional read and each field turned into a Java value, the field layout coming
 * from H2GIS's parse of the header. H2GIS's own record reader decodes every field through a
 * character decoder and an H2 value, then we turn that into a Java object: on a 200,000-record
 * table that was most of the reading time.
 *
 * <p>Values as H2GIS's reader gives them, so an import reads the same either way: text ({@code C})
 * without leading and trailing blanks and NULs, null when empty; numbers ({@code N} without
 * decimals) as Integer, else Long, else Double; {@code N} with decimals and {@code F} as Double
 * (a decimal comma accepted, no negative zero), null when blank or overflowed ({@code ***});
 * logicals ({@code L}) as Boolean, null when unset. One difference: a date ({@code D}, yyyyMMdd)
 * is a {@link LocalDate} where H2GIS gives null. Not thread-safe: one per reading thread.
 */
final class DbfRecords implements Closeable {
    private final FileChannel channel;
    private final Charset encoding;
    private final int headerLength;
    private final int recordLength;
    private final char[] types;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] decimals;
    private byte[] block = new byte[0];
    private long first;
    private int count;

    DbfRecords(Path dbf, DbaseFileHeader header, Charset encoding) throws IOException {
        this.channel = FileChannel.open(dbf);
        this.encoding = encoding;
        this.headerLength = header.getHeaderLength();
        this.recordLength = header.getRecordLength();
        int n = header.getNumFields();
        types = new char[n];
        offsets = new int[n];
        lengths = new int[n];
        decimals = new int[n];
        int at = 1;   // after the record's deletion flag
        for (int i = 0; i < n; i++) {
            types[i] = Character.toUpperCase(header.getFieldType(i));
            offsets[i] = at;
            lengths[i] = header.getFieldLength(i);
            decimals[i] = header.getFieldDecimalCount(i);
            at += lengths[i];
        }
        if (at > recordLength) {
            channel.close();
            throw new IOException("the .dbf's fields (" + at + " bytes with the deletion flag) are wider than its records ("
                    + recordLength + " bytes)");
        }
    }

    /** Reads records [from, from + n) into memory (record numbers from 0). */
    void read(long from, int n) throws IOException {
        int bytes = Math.multiplyExact(n, recordLength);
        if (block.length < bytes) {
            block = new byte[bytes];
        }
        ByteBuffer buffer = ByteBuffer.wrap(block, 0, bytes);
        long position = headerLength + from * recordLength;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the .dbf ends inside record " + (from + buffer.position() / recordLength + 1));
            }
        }
        first = from;
        count = n;
    }

    /** Field {@code field} (from 0) of record {@code record}, which the last {@link #read} covered. */
    Object value(long record, int field) throws IOException {
        if (record < first || record >= first + count) {
            throw new IllegalArgumentException("record " + record + " was not read");
        }
        int start = (int) (record - first) * recordLength + offsets[field];
        int end = start + lengths[field];
        if (lengths[field] == 0) {
            return null;
        }
        return switch (types[field]) {
            case 'C' -> text(start, end);
            case 'N' -> number(start, end, decimals[field] == 0);
            case 'F' -> number(start, end, false);
            case 'L' -> logical(block[start]);
            case 'D' -> date(start, end);
            default -> throw new IOException("Invalid field type : " + types[field]);
        };
    }

    private String text(int start, int end) {
        if (block[start] == 0) {
            return null;
        }
        // blanks and NULs are single bytes in every encoding a DBF uses here (GBK's second bytes
        // are 0x40 and above), so they can be cut before decoding
        while (start < end && blank(block[start])) {
            start++;
        }
        while (end > start && blank(block[end - 1])) {
            end--;
        }
        if (start == end) {
            return null;
        }
        String s = new String(block, start, end - start, encoding).strip();
        return s.isEmpty() ? null : s;
    }

    private static boolean blank(byte b) {
        return b == ' ' || b == 0 || b == '\t';
    }

    private Object number(int start, int end, boolean whole) {
        if (block[start] == '*') {
            return null;   // a value too wide for the field
        }
        if (whole) {
            Long n = wholeNumber(start, end);
            if (n != null) {
                return n == n.intValue() ? (Object) n.intValue() : n;
            }
        }
        // anything else as H2GIS reads it: the field decoded and trimmed, then int, long, double
        String s = new String(block, start, end - start, encoding).trim();
        if (whole) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e2) {
                    // not whole after all: read as a decimal below
                }
            }
        }
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            if (!s.contains(",")) {
                return null;
            }
            d = Double.parseDouble(s.replace(",", "."));
        }
        return d == 0 ? 0.0 : d;   // no negative zero, as H2's values have none
    }

    /** A whole number written in ASCII digits with blanks around and an optional sign, or null when it is not one (or too long). */
    private Long wholeNumber(int start, int end) {
        while (start < end && block[start] == ' ') {
            start++;
        }
        while (end > start && block[end - 1] == ' ') {
            end--;
        }
        boolean negative = start < end && block[start] == '-';
        if (start < end && (block[start] == '-' || block[start] == '+')) {
            start++;
        }
        if (start == end || end - start > 18) {
            return null;
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            int d = block[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private static Boolean logical(byte b) {
        return switch (b) {
            case 'T', 't', 'Y', 'y' -> Boolean.TRUE;
            case 'F', 'f', 'N', 'n' -> Boolean.FALSE;
            default -> null;
        };
    }

    private LocalDate date(int start, int end) {
        if (end - start < 8) {
            return null;
        }
        int[] parts = new int[3];
        int[] widths = {4, 2, 2};
        int at = start;
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < widths[p]; i++, at++) {
                int d = block[at] - '0';
                if (d < 0 || d > 9) {
                    return null;   // blank, or not a date
                }
                parts[p] = parts[p] * 10 + d;
            }
        }
        try {
            return parts[0] == 0 ? null : LocalDate.of(parts[0], parts[1], parts[2]);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
