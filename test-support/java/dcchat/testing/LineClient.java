package dcchat.testing;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A test's own line-based client: connects on loopback, sends UTF-8 lines, reads replies with a deadline.
 *
 * <p>Kit test support: students never edit this file. Every failure says what was awaited and where to read.
 */
public final class LineClient extends TestConnection {

    private LineClient(int port, String section) throws IOException {
        super(port, section);
    }

    /**
     * Connects to {@code 127.0.0.1:port}; failures point at the test's section ({@link Lesson#section()}), and the
     * client is closed after the test ({@link Teaching}).
     *
     * @param port the server's port
     * @return a connected client
     * @throws IOException if the connection is refused
     */
    public static LineClient connect(int port) throws IOException {
        return new LineClient(port, Lesson.section());
    }

    /**
     * Fails fast if the given background server dies while this client waits (see {@link #watch}).
     *
     * @param server the background call serving this client
     * @return this client
     */
    public LineClient watching(Background server) {
        watch(server);
        return this;
    }

    /**
     * Sends one line: the text, then {@code '\n'}, encoded as UTF-8, flushed.
     *
     * @param line the text, without a line break
     * @return this client
     * @throws IOException if the connection fails
     */
    public LineClient send(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Reads the next line (UTF-8, without its {@code '\n'}), failing with a teaching message if none comes
     * within {@link #REPLY_TIMEOUT} or the server closes the connection first.
     *
     * @param awaited what the test waits for, in words, e.g. {@code "the echo of \"hi\""}
     * @return the line
     * @throws IOException if the connection fails
     */
    public String readLine(String awaited) throws IOException {
        try {
            String line = readLineOrNull();
            if (line == null) {
                throw new AssertionError(Lesson.explain(Lesson.say(
                        "The server closed the connection while the test waited for " + awaited + ".",
                        "El servidor cerró la conexión mientras el test esperaba " + awaited + "."),
                        awaited, Lesson.say("end of stream (the server closed the socket)",
                                "fin del flujo (el servidor cerró el socket)"), section));
            }
            return line;
        } catch (SocketTimeoutException e) {
            throw new AssertionError(Lesson.explain(silence(e, Lesson.say("No complete line",
                    "ninguna línea completa"), awaited), awaited,
                    pending.size() == 0 ? instead(e, Lesson.say("nothing (was the reply flushed?)",
                            "nada (¿hiciste flush de la respuesta?)"))
                            : Lesson.verbatim(Lesson.say("an unfinished line: ", "una línea sin terminar: ")
                                    + Lesson.show(pending.toString(StandardCharsets.UTF_8))
                                    + Lesson.say(" (no '\\n' at the end?)", " (¿falta el '\\n' al final?)")
                                    + (e instanceof Stalled ? Lesson.say("; then ", "; después, ") + e.getMessage()
                                            : "")),
                    section));
        }
    }

    /**
     * Reads the next line, or returns {@code null} at the end of the stream.
     *
     * @return the line, or null if the server closed the connection
     * @throws SocketTimeoutException if nothing complete arrives within {@link #REPLY_TIMEOUT}; bytes read
     *                                so far are kept for the next call
     * @throws IOException            if the connection fails
     */
    public String readLineOrNull() throws IOException {
        while (true) {
            int b = read(REPLY_TIMEOUT);
            if (b == -1) {
                if (pending.size() > 0) {
                    String partial = pending.toString(StandardCharsets.UTF_8);
                    pending.reset();
                    return partial;
                }
                return null;
            }
            if (b == '\n') {
                String line = pending.toString(StandardCharsets.UTF_8);
                pending.reset();
                return line;
            }
            pending.write(b);
        }
    }
}
