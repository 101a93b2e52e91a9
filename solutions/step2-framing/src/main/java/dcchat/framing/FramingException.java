package dcchat.framing;

import java.io.IOException;

/**
 * The bytes on the wire break the frame rules: a length outside 1..65,536, or a connection that ends in the
 * middle of a frame (README §5, §6).
 *
 * <p>Step 2 of DCChat. It is an {@link IOException} because it is one: reading from the network failed,
 * only for a reason the program itself detected. The message always names the bad value and the rule, e.g.
 * {@code "frame length 70000 exceeds the 65536-byte limit"}.
 */
public class FramingException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the value and the limit
     */
    public FramingException(String message) {
        super(message);
    }
}
