package dcchat.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads frames where they lie: one buffer per client, filled with as much as one {@code read} gives, and each frame
 * handed out as a place in that buffer — no stream locks per byte, no array per frame. At 2,000 clients the readers
 * go through N² = 4 M join frames (and up to 1.5 M chat frames a second): the load generator's cost per frame is
 * what it adds to what it measures.
 *
 * <p>Used by one reader thread; a frame's place is valid until the next {@link #next}.
 */
final class FrameInput {

    private static final int HEADER = 4;
    private static final int FIRST_CAPACITY = 32 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[FIRST_CAPACITY];
    private int start; // the first byte not yet handed out
    private int end; // one past the last byte read
    private int body;
    private int length;
    private long reads;

    /** @param in the socket's input stream, unbuffered */
    FrameInput(InputStream in) {
        this.in = in;
    }

    /**
     * Moves to the next whole frame, reading as needed.
     *
     * @return true if a frame is now at {@link #body()}; false if the stream ended cleanly between frames
     * @throws IOException if the stream fails, ends inside a frame, or announces a length outside 1..65,536
     */
    boolean next() throws IOException {
        if (!available(HEADER)) {
            if (start == end) {
                return false;
            }
            throw new EOFException("the stream ended inside a frame header");
        }
        long n = ((buffer[start] & 0xFFL) << 24) | ((buffer[start + 1] & 0xFF) << 16) | ((buffer[start + 2] & 0xFF) << 8)
                | (buffer[start + 3] & 0xFF);
        if (n < 1 || n > Wire.MAX_BODY_BYTES) {
            throw new IOException("server sent a frame length of " + n + "; the contract allows 1.."
                    + Wire.MAX_BODY_BYTES);
        }
        if (!available(HEADER + (int) n)) {
            throw new EOFException("the stream ended inside a frame of " + n + " bytes");
        }
        body = start + HEADER;
        length = (int) n;
        start = body + length;
        return true;
    }

    /** @return the buffer holding the current frame's body (shared: read it before the next {@link #next}) */
    byte[] buffer() {
        return buffer;
    }

    /** @return where the current frame's body starts in {@link #buffer()} */
    int body() {
        return body;
    }

    /** @return the current frame's body length */
    int length() {
        return length;
    }

    /** @return the reads that reached the socket so far */
    long reads() {
        return reads;
    }

    /** Makes {@code need} bytes available from {@code start}; false if the stream ends first. */
    private boolean available(int need) throws IOException {
        if (end - start >= need) {
            return true;
        }
        if (buffer.length - start < need) { // move what is left to the front, growing the buffer for a large frame
            byte[] target = need > buffer.length ? Arrays.copyOf(buffer, Math.max(need, 2 * buffer.length)) : buffer;
            System.arraycopy(buffer, start, target, 0, end - start);
            buffer = target;
            end -= start;
            start = 0;
        }
        while (end - start < need) {
            int r = in.read(buffer, end, buffer.length - end);
            if (r < 0) {
                return false;
            }
            reads++;
            end += r;
        }
        return true;
    }
}
