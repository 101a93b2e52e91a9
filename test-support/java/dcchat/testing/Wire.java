package dcchat.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds DCChat wire bytes by hand, straight from the wire contract (4-byte big-endian length, then the
 * body), so tests never depend on the student's own frame code to check it.
 *
 * <p>Kit test support: students never edit this file.
 */
public final class Wire {

    /** The largest frame body the contract allows. */
    public static final int MAX_BODY = 65_536;

    private Wire() {
    }

    /**
     * @param length the value to put in the header, as an unsigned 32-bit number
     * @return the 4 header bytes, most significant first
     */
    public static byte[] header(long length) {
        return new byte[] {
            (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
        };
    }

    /**
     * @param body the body
     * @return header + body
     */
    public static byte[] frame(byte[] body) {
        return concat(header(body.length), body);
    }

    /**
     * @param json JSON text
     * @return a frame whose body is the text in UTF-8
     */
    public static byte[] frame(String json) {
        return frame(utf8(json));
    }

    /**
     * @param text text
     * @return its UTF-8 bytes
     */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param parts byte arrays
     * @return all of them, one after another
     */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * Reads a big-endian unsigned 32-bit length from the first 4 bytes.
     *
     * @param bytes at least 4 bytes
     * @return the length
     */
    public static long lengthOf(byte[] bytes) {
        return ((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8) | (bytes[3] & 0xFFL);
    }
}
