package projmap.exchange;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides the text encoding of a DBF that has no {@code .cpg}: first its language driver id (byte
 * 29: 0x4D and 0x7A are the Chinese GBK/GB2312 code page 936), then the bytes of its text fields:
 * pure ASCII reads the same in every encoding, bytes that decode as strict UTF-8 are UTF-8, and
 * anything else from a Chinese office is GBK, read as GB18030 (its superset, so that rare
 * characters outside GBK still decode).
 *
 * <p>Written here because no maintained Java library does this for DBF: general charset sniffers
 * (ICU, juniversalchardet) guess from statistics and misjudge the short strings of attribute
 * tables, whereas "valid strict UTF-8 or else GB18030" is decisive — a GBK text of two or more
 * Chinese characters is almost never valid UTF-8. It reads at most the first 4 MB of records.
 */
final class DbfEncoding {
    static final Charset GB18030 = Charset.forName("GB18030");
    private static final int SAMPLE = 4 << 20;

    private DbfEncoding() {
    }

    /** The encoding a {@code .cpg} names (UTF-8, GBK, 936, CP936, GB2312, GB18030, 65001 …). */
    static Optional<Charset> fromCpg(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (t) {
            case "UTF-8", "UTF8", "65001" -> Optional.of(StandardCharsets.UTF_8);
            case "GBK", "936", "CP936", "GB2312", "GB_2312-80", "EUC-CN", "GB18030", "54936" -> Optional.of(GB18030);
            case "" -> Optional.empty();
            default -> {
                try {
                    yield Optional.of(Charset.forName(t));
                } catch (RuntimeException e) {
                    yield Optional.empty();
                }
            }
        };
    }

    /** False when {@code cs} is UTF-8 and the records are not valid UTF-8 (a GBK table with a wrong .cpg). */
    static boolean decodes(Path dbf, Charset cs) throws IOException {
        if (!cs.equals(StandardCharsets.UTF_8)) {
            return true;
        }
        try (RandomAccessFile f = new RandomAccessFile(dbf.toFile(), "r")) {
            byte[] head = new byte[32];
            f.readFully(head);
            int headerLength = (head[8] & 0xff) | (head[9] & 0xff) << 8;
            long available = Math.max(0, f.length() - headerLength);
            byte[] body = new byte[(int) Math.min(SAMPLE, available)];
            f.seek(headerLength);
            f.readFully(body);
            return isUtf8(body);
        }
    }

    static Charset detect(Path dbf) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dbf.toFile(), "r")) {
            byte[] head = new byte[32];
            f.readFully(head);
            int ldid = head[29] & 0xff;
            if (ldid == 0x4D || ldid == 0x7A) {
                return GB18030;
            }
            int headerLength = (head[8] & 0xff) | (head[9] & 0xff) << 8;
            long available = Math.max(0, f.length() - headerLength);
            byte[] body = new byte[(int) Math.min(SAMPLE, available)];
            f.seek(headerLength);
            f.readFully(body);
            boolean ascii = true;
            for (byte b : body) {
                if (b < 0) {
                    ascii = false;
                    break;
                }
            }
            if (ascii || isUtf8(body)) {
                return StandardCharsets.UTF_8;
            }
            return GB18030;
        }
    }

    static boolean isUtf8(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // the sample may end inside a character: trim up to 3 trailing bytes of a partial sequence
        int end = bytes.length;
        for (int back = 0; back < 3 && end > 0 && (bytes[end - 1] & 0xC0) == 0x80; back++) {
            end--;
        }
        if (end > 0 && (bytes[end - 1] & 0xC0) == 0xC0) {
            end--;
        }
        try {
            d.decode(ByteBuffer.wrap(bytes, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
