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

    private final OutputStream out;

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
        if (body.length < Frames.MIN_BODY_BYTES) {
            throw new IllegalArgumentException("frame body of 0 bytes is below the 1-byte minimum");
        }
        if (body.length > Frames.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("frame body of " + body.length + " bytes exceeds the "
                    + Frames.MAX_BODY_BYTES + "-byte limit");
        }
        byte[] frame = new byte[Frames.HEADER_BYTES + body.length];
        int n = body.length;
        frame[0] = (byte) (n >>> 24); // big-endian: the most significant byte goes first
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(body, 0, frame, Frames.HEADER_BYTES, n);
        out.write(frame);
        out.flush();
    }
}
