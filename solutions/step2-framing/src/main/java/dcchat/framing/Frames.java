package dcchat.framing;

/**
 * The numbers of the DCChat wire contract (README §2, §6): every frame is a 4-byte big-endian length N,
 * 1 ≤ N ≤ 65,536, then N bytes of UTF-8 JSON.
 *
 * <p>Step 2 of DCChat.
 */
public final class Frames {

    /** Bytes in a frame header: one big-endian 32-bit length. */
    public static final int HEADER_BYTES = 4;

    /** The smallest body a frame may carry: an empty frame means nothing and is refused. */
    public static final int MIN_BODY_BYTES = 1;

    /** The largest body a frame may carry, in bytes (not characters): 64 KiB. */
    public static final int MAX_BODY_BYTES = 65_536;

    private Frames() {
    }
}
