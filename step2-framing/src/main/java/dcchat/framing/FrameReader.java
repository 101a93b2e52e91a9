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

    private final InputStream in; // given: read from this

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
        throw new UnsupportedOperationException("Step 2: read a whole frame — see README §4 Reading frames");
    }

    /** Reads until {@code buffer} is full or the stream ends; returns how many bytes were read. */
    private int readFully(byte[] buffer) throws IOException {
        throw new UnsupportedOperationException("Step 2: loop until the buffer is full or the stream ends — see README §4 Reading frames");
    }
}
