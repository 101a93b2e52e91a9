package dcchat.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The DCChat wire contract, written again from its description alone (docs/ARCHITECTURE.md) so that the benchmark shares no code with the
 * server it measures: every frame is a 4-byte big-endian length N (1..65,536) and N bytes of UTF-8 JSON, one
 * object with string fields.
 *
 * <p>Uses Jackson's streaming API: the generator decodes about N² join frames and S × M × N chat frames, so
 * decoding is a single pass that keeps only {@code type}, {@code username} and {@code data}.
 */
final class Wire {

    /** The largest frame body the contract allows. */
    static final int MAX_BODY_BYTES = 65_536;

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One decoded frame; a field the frame did not carry is null.
     *
     * @param type     "join", "chat", "leave", "error" …
     * @param username who joined, left or chatted
     * @param data     the chat line or error reason
     */
    record Message(String type, String username, String data) {
    }

    private Wire() {
    }

    /** @return the whole frame (header + body) asking to join as {@code username} */
    static byte[] joinFrame(String username) {
        return frame("join", "username", username);
    }

    /** @return the whole frame (header + body) of a chat line */
    static byte[] chatFrame(String data) {
        return frame("chat", "data", data);
    }

    private static byte[] frame(String type, String field, String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        bytes.write(0); // header placeholder, filled in below once the body length is known
        bytes.write(0);
        bytes.write(0);
        bytes.write(0);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeStringField(field, value);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream cannot fail", e);
        }
        byte[] frame = bytes.toByteArray();
        int n = frame.length - 4;
        if (n > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("frame body of " + n + " bytes exceeds the " + MAX_BODY_BYTES
                    + "-byte limit");
        }
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        return frame;
    }

    /**
     * Reads one whole frame body, checking the length before allocating.
     *
     * @param in a buffered stream from the server
     * @return the body, or null if the stream ended cleanly between frames
     * @throws IOException if the stream fails, ends inside a frame, or announces a length outside 1..65,536
     */
    static byte[] readFrame(DataInputStream in) throws IOException {
        int first = in.read();
        if (first == -1) {
            return null;
        }
        long length = ((long) first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8)
                | in.readUnsignedByte();
        if (length < 1 || length > MAX_BODY_BYTES) {
            throw new IOException("server sent a frame length of " + length + "; the contract allows 1.."
                    + MAX_BODY_BYTES);
        }
        byte[] body = new byte[(int) length];
        in.readFully(body);
        return body;
    }

    /**
     * The quoted form of a JSON string without characters to escape, as bytes: {@code "ana"} for {@code ana}.
     *
     * @param plain letters, digits and '-' only (the benchmark's names and the contract's types)
     * @return the bytes to look for with {@link #mayHold}
     */
    static byte[] quoted(String plain) {
        if (!plain.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("not a plain token: " + plain);
        }
        return ('"' + plain + '"').getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Whether a frame body may hold one of the given JSON strings — without decoding it. A body without a
     * backslash has no escapes, so each of its strings appears literally: if none of the needles appears, no
     * string of the body equals one of them. A body with a backslash may, and is answered true.
     *
     * <p>The readers use it to skip, undecoded, the N² {@code join} frames of other clients: decoding all 4 M
     * of them at 2,000 clients would make the load generator, not the server, the bound on the join phase.
     *
     * @param body    a frame body
     * @param needles from {@link #quoted}
     * @return false only if the body certainly holds none of them
     */
    static boolean mayHold(byte[] body, byte[]... needles) {
        return mayHold(body, 0, body.length, needles);
    }

    /**
     * As {@link #mayHold(byte[], byte[]...)}, for a body that lies in a larger buffer ({@link FrameInput}).
     *
     * @param buffer  holds the body
     * @param from    where the body starts
     * @param length  its length
     * @param needles from {@link #quoted}
     * @return false only if the body certainly holds none of them
     */
    static boolean mayHold(byte[] buffer, int from, int length, byte[]... needles) {
        int to = from + length;
        for (int i = from; i < to; i++) { // one pass: every needle starts with a quote, so only quotes are tried
            byte b = buffer[i];
            if (b == '\\') {
                return true;
            }
            if (b == '"') {
                for (byte[] needle : needles) {
                    if (startsWith(buffer, i, to, needle)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] buffer, int at, int to, byte[] needle) {
        if (at + needle.length > to) {
            return false;
        }
        for (int j = 1; j < needle.length; j++) { // needle[0] is the quote already matched
            if (buffer[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a frame body, keeping the three string fields the benchmark needs; other fields are ignored.
     *
     * @param body a frame body
     * @return the message
     * @throws IOException if the body is not one JSON object
     */
    static Message decode(byte[] body) throws IOException {
        return decode(body, 0, body.length);
    }

    /**
     * As {@link #decode(byte[])}, for a body that lies in a larger buffer ({@link FrameInput}).
     *
     * @param buffer holds the body
     * @param from   where the body starts
     * @param length its length
     * @return the message
     * @throws IOException if the body is not one JSON object
     */
    static Message decode(byte[] buffer, int from, int length) throws IOException {
        String type = null;
        String username = null;
        String data = null;
        try (JsonParser p = JSON.createParser(buffer, from, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("frame body is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    switch (field) {
                        case "type" -> type = p.getText();
                        case "username" -> username = p.getText();
                        case "data" -> data = p.getText();
                        default -> {
                            // an unknown field: ignored, as the contract says
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Message(type, username, data);
    }
}
