package dcchat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * The tests' own DCChat client, written only from the wire contract: it frames and parses bytes itself, so
 * a test of the student's server never relies on the student's frame or JSON code.
 *
 * <p>Kit test support: students never edit this file. Reads have a deadline and fail with a message that
 * says what was awaited, what came (in hex for bytes), and where to read.
 */
public final class FrameClient extends TestConnection {

    /** The tests' own JSON mapper, independent of the student's codec. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private FrameClient(int port, String section) throws IOException {
        super(port, section);
    }

    /**
     * Connects to {@code 127.0.0.1:port}.
     *
     * @param port    the server's port
     * @param section the README section failures should point at
     * @return a connected client
     * @throws IOException if the connection is refused
     */
    public static FrameClient connect(int port, String section) throws IOException {
        return new FrameClient(port, section);
    }

    /**
     * Fails fast if the given background server dies while this client waits.
     *
     * @param server the background call serving this client
     * @return this client
     */
    public FrameClient watching(Background server) {
        watch(server);
        return this;
    }

    /**
     * Sends one well-formed frame.
     *
     * @param body the body
     * @throws IOException if the connection fails
     */
    public void sendFrame(byte[] body) throws IOException {
        sendRaw(Wire.frame(body));
    }

    /**
     * Sends one frame holding this JSON text.
     *
     * @param json the JSON text (UTF-8 on the wire)
     * @throws IOException if the connection fails
     */
    public void sendJson(String json) throws IOException {
        sendFrame(Wire.utf8(json));
    }

    /**
     * Sends a message with these string fields, e.g. {@code send("type", "chat", "data", "hi")}.
     *
     * @param keysAndValues field names and values, alternating
     * @throws IOException if the connection fails
     */
    public void send(String... keysAndValues) throws IOException {
        sendJson(json(keysAndValues));
    }

    /**
     * @param keysAndValues field names and values, alternating
     * @return the JSON object text
     */
    public static String json(String... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return node.toString();
    }

    /**
     * Reads exactly one frame, failing with a teaching message if it does not come whole within
     * {@link #REPLY_TIMEOUT} or breaks the frame rules.
     *
     * @param awaited what the test waits for, in words
     * @return the body
     * @throws IOException if the connection fails
     */
    public byte[] readFrame(String awaited) throws IOException {
        byte[] header = readExactly(4, awaited, "a 4-byte frame header");
        long length = Wire.lengthOf(header);
        if (length < 1 || length > Wire.MAX_BODY) {
            throw new AssertionError(Lesson.explain("The server sent a frame header with an illegal length while the "
                    + "test waited for " + awaited + ".", "a length from 1 to 65536",
                    length + " (header bytes " + Hex.of(header) + ")", section));
        }
        return readExactly((int) length, awaited, "a " + length + "-byte frame body (after header " + Hex.of(header)
                + ")");
    }

    /**
     * Reads one frame and parses its body as a JSON object.
     *
     * @param awaited what the test waits for, in words
     * @return the object
     * @throws IOException if the connection fails
     */
    public JsonNode readJson(String awaited) throws IOException {
        byte[] body = readFrame(awaited);
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(Lesson.explain("A frame arrived but its body is not JSON, while the test waited for "
                    + awaited + ".", "a UTF-8 JSON object", Hex.of(body), section), e);
        }
        if (node == null || !node.isObject()) {
            throw new AssertionError(Lesson.explain("A frame arrived but its body is not a JSON object, while the test "
                    + "waited for " + awaited + ".", "a JSON object", Lesson.show(new String(body,
                    java.nio.charset.StandardCharsets.UTF_8)), section));
        }
        return node;
    }

    /**
     * Reads one frame and checks it is a message of {@code type}.
     *
     * @param type    the expected {@code type} field
     * @param awaited what the test waits for, in words
     * @return the message
     * @throws IOException if the connection fails
     */
    public JsonNode expect(String type, String awaited) throws IOException {
        JsonNode node = readJson(awaited);
        if (!type.equals(node.path("type").asText(null))) {
            throw new AssertionError(Lesson.explain("A message of the wrong type arrived while the test waited for "
                    + awaited + ".", "type \"" + type + "\"", node.toString(), section));
        }
        return node;
    }

    private byte[] readExactly(int n, String awaited, String part) throws IOException {
        byte[] buffer = new byte[n];
        int got = 0;
        try {
            while (got < n) {
                int r = read(buffer, got, n - got, REPLY_TIMEOUT);
                if (r == -1) {
                    throw new AssertionError(Lesson.explain("The server closed the connection while the test waited for "
                            + awaited + ".", part, got == 0 ? "end of stream"
                            : "end of stream after " + got + " bytes: " + Hex.of(Arrays.copyOf(buffer, got)), section));
                }
                got += r;
            }
            return buffer;
        } catch (SocketTimeoutException e) {
            throw new AssertionError(Lesson.explain("Nothing more arrived within " + REPLY_TIMEOUT.toMillis()
                    + " ms while the test waited for " + awaited + ".", part,
                    got == 0 ? "nothing (was the frame flushed?)"
                            : got + " bytes only: " + Hex.of(Arrays.copyOf(buffer, got)), section));
        }
    }
}
