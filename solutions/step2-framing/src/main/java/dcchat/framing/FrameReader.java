package dcchat.framing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads frames: exactly one whole frame per call, however the bytes arrive (README §4, §5, §6).
 *
 * <p>Step 2 of DCChat. TCP hands over bytes, not messages: one {@code read} may return one byte of a
 * header, or two frames and a half. So this class reads fully — it loops until it has exactly the 4 header
 * bytes, checks the length against the limits <em>before</em> allocating anything, then loops again until it
 * has exactly that many body bytes.
 */
public final class FrameReader {

    private final InputStream in;
    private final byte[] header = new byte[Frames.HEADER_BYTES];

    /**
     * @param in the stream to read frames from, typically {@code socket.getInputStream()}; never closed by
     *           this class
     */
    public FrameReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next frame's body.
     *
     * @return the body, or {@link Optional#empty()} if the stream ended cleanly between two frames
     * @throws FramingException if the length is outside 1..{@value Frames#MAX_BODY_BYTES}, or the stream ends
     *                          inside a header or a body
     * @throws IOException      if the stream fails
     */
    public Optional<byte[]> readFrame() throws IOException {
        int got = readFully(header);
        if (got == 0) {
            return Optional.empty(); // clean end of stream: the peer is done
        }
        if (got < Frames.HEADER_BYTES) {
            throw new FramingException("connection closed after " + got + " of " + Frames.HEADER_BYTES
                    + " header bytes");
        }
        long length = ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFF) << 16)
                | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        if (length < Frames.MIN_BODY_BYTES) {
            throw new FramingException("frame length 0 is below the 1-byte minimum");
        }
        if (length > Frames.MAX_BODY_BYTES) {
            throw new FramingException("frame length " + length + " exceeds the " + Frames.MAX_BODY_BYTES
                    + "-byte limit");
        }
        byte[] body = new byte[(int) length]; // safe: checked against the limit just above
        int read = readFully(body);
        if (read < body.length) {
            throw new FramingException("connection closed after " + read + " of " + length + " body bytes");
        }
        return Optional.of(body);
    }

    /** Reads until {@code buffer} is full or the stream ends; returns how many bytes were read. */
    private int readFully(byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n == -1) {
                break;
            }
            total += n;
        }
        return total;
    }
}
