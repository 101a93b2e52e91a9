package dcchat.framing;

import java.io.IOException;

/**
 * A frame arrived whole, but its body is not a valid DCChat message: not UTF-8, not JSON, not a JSON
 * object, a missing or non-string field, or an unknown type (README §8).
 *
 * <p>Step 2 of DCChat. The message is meant to be sent back to the client in an {@code error} frame, so it
 * says in plain words what was wrong, e.g. {@code "field 'username' must be a string, got a number"}.
 */
public class BadMessageException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, in words a client's author understands
     */
    public BadMessageException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause   the parser's own exception
     */
    public BadMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
