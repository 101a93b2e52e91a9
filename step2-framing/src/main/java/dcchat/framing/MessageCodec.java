package dcchat.framing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Turns a {@link ChatMessage} into frame-body bytes and back, with Jackson (README §7, §8, §9).
 *
 * <p>Step 2 of DCChat. Bytes in, bytes out: this class never sees a socket stream, because Jackson closes
 * the streams it reads from or writes to unless told otherwise — and closing a socket's stream closes the
 * socket. One {@link ObjectMapper}, configured once, is shared: it is thread-safe and costly to build.
 * Decoding is strict about what the wire contract requires and lenient about what it allows: unknown
 * fields are ignored.
 */
public final class MessageCodec {

    /** README §8: one mapper for the whole program. Add the features the lesson discusses to the builder. */
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private MessageCodec() {
    }

    /**
     * Encodes a message as UTF-8 JSON, leaving out null fields (README §8).
     *
     * @param message the message
     * @return the JSON bytes, ready to be a frame body
     */
    public static byte[] encode(ChatMessage message) {
        throw new UnsupportedOperationException("Step 2: turn the record into UTF-8 JSON bytes with the ObjectMapper — see README §8 JSON messages with Jackson");
    }

    /**
     * Decodes a frame body into a message, checking it against the wire contract (README §8, §9).
     *
     * @param body a frame body
     * @return the message; unknown fields are dropped
     * @throws BadMessageException if the body is not UTF-8, not one JSON object, lacks a field its type
     *                             needs, has a non-string field, or has an unknown type
     */
    public static ChatMessage decode(byte[] body) throws BadMessageException {
        throw new UnsupportedOperationException("Step 2: parse and check the body — see README §8 JSON messages with Jackson and §9 Refusing bad messages");
    }
}
