package dcchat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
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

    private FrameClient(int port, String section, int receiveBufferSize) throws IOException {
        super(port, section, receiveBufferSize);
    }

    /**
     * Connects to {@code 127.0.0.1:port}; failures point at the test's section ({@link Lesson#section()}), and the
     * client is closed after the test ({@link Teaching}).
     *
     * @param port the server's port
     * @return a connected client
     * @throws IOException if the connection is refused
     */
    public static FrameClient connect(int port) throws IOException {
        return new FrameClient(port, Lesson.section(), 0);
    }

    /**
     * Connects to {@code 127.0.0.1:port} with a tiny receive buffer, for tests of clients that stop reading;
     * failures point at the test's section.
     *
     * @param port              the server's port
     * @param receiveBufferSize the receive buffer in bytes
     * @return a connected client
     * @throws IOException if the connection is refused
     */
    public static FrameClient connect(int port, int receiveBufferSize) throws IOException {
        return new FrameClient(port, Lesson.section(), receiveBufferSize);
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
        byte[] header = readExactly(4, awaited, Lesson.say("a 4-byte frame header",
                "una cabecera de frame de 4 bytes"));
        long length = Wire.lengthOf(header);
        if (length < 1 || length > Wire.MAX_BODY) {
            throw new AssertionError(Lesson.explain(Lesson.say("The server sent a frame header with an illegal length "
                    + "while the test waited for " + awaited + ".", "El servidor envió una cabecera de frame con un "
                    + "largo no permitido mientras el test esperaba " + awaited + "."),
                    Lesson.say("a length from 1 to 65536", "un largo de 1 a 65536"),
                    length + Lesson.say(" (header bytes ", " (bytes de la cabecera ") + Hex.of(header) + ")", section));
        }
        return readExactly((int) length, awaited, Lesson.say("a " + length + "-byte frame body (after header "
                + Hex.of(header) + ")", "un cuerpo de frame de " + length + " bytes (después de la cabecera "
                + Hex.of(header) + ")"));
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
            throw new AssertionError(Lesson.explain(Lesson.say("A frame arrived but its body is not JSON, while the "
                    + "test waited for " + awaited + ".", "Llegó un frame, pero su cuerpo no es JSON, mientras el test "
                    + "esperaba " + awaited + "."), Lesson.say("a UTF-8 JSON object", "un objeto JSON en UTF-8"),
                    Hex.of(body), section), e);
        }
        if (node == null || !node.isObject()) {
            throw new AssertionError(Lesson.explain(Lesson.say("A frame arrived but its body is not a JSON object, "
                    + "while the test waited for " + awaited + ".", "Llegó un frame, pero su cuerpo no es un objeto "
                    + "JSON, mientras el test esperaba " + awaited + "."), Lesson.say("a JSON object",
                    "un objeto JSON"), Lesson.show(new String(body, java.nio.charset.StandardCharsets.UTF_8)),
                    section));
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
            throw new AssertionError(Lesson.explain(Lesson.say("A message of the wrong type arrived while the test "
                    + "waited for " + awaited + ".", "Llegó un mensaje de un tipo equivocado mientras el test esperaba "
                    + awaited + "."), "type \"" + type + "\"", node.toString(), section));
        }
        return node;
    }

    /**
     * Reads frames until one matches, skipping others (join/leave notices, say), within
     * {@link #REPLY_TIMEOUT} in all. The failure message lists what was skipped.
     *
     * @param match   which message the test waits for
     * @param awaited what the test waits for, in words
     * @return the matching message
     * @throws IOException if the connection fails
     */
    public JsonNode await(java.util.function.Predicate<JsonNode> match, String awaited) throws IOException {
        return await(match, awaited, REPLY_TIMEOUT);
    }

    /**
     * Reads frames until one matches, skipping others, within {@code within} in all (each read still fails
     * after {@link #REPLY_TIMEOUT} of silence). For tests that wait through a long stream of messages.
     *
     * @param match   which message the test waits for
     * @param awaited what the test waits for, in words
     * @param within  how long to wait in all
     * @return the matching message
     * @throws IOException if the connection fails
     */
    public JsonNode await(java.util.function.Predicate<JsonNode> match, String awaited, Duration within)
            throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        java.util.List<String> skipped = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonNode node;
            try {
                node = readJson(awaited);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + System.lineSeparator()
                        + Lesson.label("skipped before:", "omitidos antes:") + skipped, e);
            }
            if (match.test(node)) {
                return node;
            }
            if (skipped.size() < 8) {
                String text = node.toString();
                skipped.add(text.length() <= 120 ? text : text.substring(0, 120) + "… (" + text.length()
                        + Lesson.say(" chars)", " caracteres)"));
            }
        }
        throw new AssertionError(Lesson.explain(Lesson.say("No matching message within " + within.toMillis()
                + " ms while the test waited for " + awaited + ".", "No llegó el mensaje buscado en "
                + within.toMillis() + " ms mientras el test esperaba " + awaited + "."), awaited,
                Lesson.say("only: ", "solo: ") + skipped, section));
    }

    /**
     * Waits for a message of this type whose field {@code field} equals {@code value}, skipping others.
     *
     * @param type    the type, e.g. {@code "chat"}
     * @param field   a field name, e.g. {@code "data"}
     * @param value   its expected value
     * @param awaited what the test waits for, in words
     * @return the message
     * @throws IOException if the connection fails
     */
    public JsonNode await(String type, String field, String value, String awaited) throws IOException {
        return await(n -> type.equals(n.path("type").asText(null)) && value.equals(n.path(field).asText(null)),
                awaited);
    }

    /**
     * Joins under {@code name} and waits for the server's {@code join} naming it.
     *
     * @param name the name
     * @return this client
     * @throws IOException if the connection fails
     */
    public FrameClient joinAs(String name) throws IOException {
        send("type", "join", "username", name);
        await("join", "username", name, Lesson.say("the server's join frame for " + name + ", confirming the name",
                "el frame `join` del servidor para " + name + ", que confirma el nombre"));
        return this;
    }

    private byte[] readExactly(int n, String awaited, String part) throws IOException {
        byte[] buffer = new byte[n];
        int got = 0;
        try {
            while (got < n) {
                int r = read(buffer, got, n - got, REPLY_TIMEOUT);
                if (r == -1) {
                    throw new AssertionError(Lesson.explain(Lesson.say("The server closed the connection while the "
                            + "test waited for " + awaited + ".", "El servidor cerró la conexión mientras el test "
                            + "esperaba " + awaited + "."), part,
                            got == 0 ? Lesson.say("end of stream", "fin del flujo")
                                    : Lesson.say("end of stream after " + got + " bytes: ",
                                            "fin del flujo después de " + got + " bytes: ")
                                            + Hex.of(Arrays.copyOf(buffer, got)), section));
                }
                got += r;
            }
            return buffer;
        } catch (SocketTimeoutException e) {
            throw new AssertionError(Lesson.explain(silence(e, Lesson.say("Nothing more", "nada más"), awaited), part,
                    got == 0 ? instead(e, Lesson.say("nothing (was the frame flushed?)",
                            "nada (¿hiciste flush del frame?)"))
                            : Lesson.verbatim(Lesson.say(got + " bytes only: ", "solo " + got + " bytes: ")
                                    + Hex.of(Arrays.copyOf(buffer, got))
                                    + (e instanceof Stalled ? Lesson.say("; then ", "; después, ") + e.getMessage()
                                            : "")), section));
        }
    }
}
