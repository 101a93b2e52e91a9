package dcchat.framing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes frames: a 4-byte big-endian length, then the body (README §2, §3).
 *
 * <p>Step 2 of DCChat. The header and body go out in one {@code write} and one {@code flush}, so a frame
 * never sits half-sent in a buffer. Not thread-safe: one thread writes to one connection (step 4 gives
 * every client its own writer thread for exactly this reason).
 */
public final class FrameWriter {

    private final OutputStream out; // given: write to this

    /**
     * @param out the stream to write frames to, typically {@code socket.getOutputStream()}; never closed
     *            by this class
     */
    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes one frame and flushes it (README §3).
     *
     * @param body the frame body, 1 to {@value Frames#MAX_BODY_BYTES} bytes
     * @throws IllegalArgumentException if the body is empty or longer than the limit; nothing is written
     * @throws IOException              if the stream fails
     */
    public void writeFrame(byte[] body) throws IOException {
        throw new UnsupportedOperationException("Step 2: write the 4-byte big-endian length, then the body, then flush — see README §3 Writing frames");
    }
}
