package dcchat.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A test's own line-based client: connects on loopback, sends UTF-8 lines, reads replies with a deadline.
 *
 * <p>Kit test support: students never edit this file. It is written directly on the socket's byte streams
 * (no {@code BufferedReader}) so that a read that times out loses nothing and can be retried, and so that a
 * test can send raw bytes or half a line. Every failure says what was awaited and where to read.
 */
public final class LineClient implements AutoCloseable {

    /** How long a read waits for a reply that should come. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String section;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Background watched;

    private LineClient(Socket socket, String section) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.section = section;
    }

    /**
     * Connects to {@code 127.0.0.1:port}.
     *
     * @param port    the server's port
     * @param section the README section failures should point at, e.g. {@code "README §4 Echoing lines"}
     * @return a connected client
     * @throws IOException if the connection is refused
     */
    public static LineClient connect(int port, String section) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
        return new LineClient(socket, section);
    }

    /**
     * Makes every wait of this client also watch a server running in the background: if that server's
     * thread dies (a stub throwing, say), the wait fails at once with that exception instead of waiting
     * out its time limit.
     *
     * @param server the background call serving this client
     * @return this client
     */
    public LineClient watching(Background server) {
        this.watched = server;
        return this;
    }

    /** @return the underlying socket, for tests that need to misbehave on purpose */
    public Socket socket() {
        return socket;
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
     * Sends bytes exactly as given.
     *
     * @param bytes the bytes
     * @throws IOException if the connection fails
     */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
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
                throw new AssertionError(Lesson.explain(
                        "The server closed the connection while the test waited for " + awaited + ".",
                        awaited, "end of stream (the server closed the socket)", section));
            }
            return line;
        } catch (SocketTimeoutException e) {
            throw new AssertionError(Lesson.explain(
                    "No complete line arrived within " + REPLY_TIMEOUT.toMillis() + " ms while the test waited for "
                            + awaited + ".",
                    awaited,
                    pending.size() == 0 ? "nothing (was the reply flushed?)"
                            : "an unfinished line: " + Lesson.show(pending.toString(StandardCharsets.UTF_8))
                                    + " (no '\\n' at the end?)",
                    section));
        }
    }

    /**
     * Reads the next line, or returns {@code null} at the end of the stream.
     *
     * @return the line, or null if the server closed the connection
     * @throws SocketTimeoutException if nothing complete arrives within the socket's timeout; bytes read
     *                                so far are kept for the next call
     * @throws IOException            if the connection fails
     */
    public String readLineOrNull() throws IOException {
        while (true) {
            int b = read(socket.getSoTimeout());
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

    /**
     * Asserts that no byte arrives for a while: used to show that a server is busy elsewhere.
     *
     * @param quiet  how long nothing may arrive
     * @param reason the sentence to print if something does arrive
     * @throws IOException if the connection fails
     */
    public void assertSilentFor(Duration quiet, String reason) throws IOException {
        try {
            int b = read((int) quiet.toMillis());
            if (b != -1) {
                pending.write(b);
            }
            throw new AssertionError(Lesson.explain(reason,
                    "no reply during " + quiet.toMillis() + " ms",
                    b == -1 ? "the server closed the connection" : "a reply started arriving", section));
        } catch (SocketTimeoutException expected) {
            // silence, as expected
        }
    }

    /**
     * Asserts that the server closes the connection (end of stream) within {@link #REPLY_TIMEOUT},
     * without sending anything more.
     *
     * @param why what the server should have done, in words
     * @throws IOException if the connection fails in another way than being closed
     */
    public void assertClosedByServer(String why) throws IOException {
        try {
            int b = read(socket.getSoTimeout());
            if (b != -1) {
                throw new AssertionError(Lesson.explain(why, "end of stream", "more data from the server", section));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(Lesson.explain(why, "end of stream within " + REPLY_TIMEOUT.toMillis() + " ms",
                    "the connection stayed open", section));
        } catch (java.net.SocketException e) {
            // connection reset: also a close by the server
        }
    }

    /**
     * Reads one byte, waiting at most {@code timeoutMillis}, in short slices so that a watched server that
     * dies is noticed at once.
     */
    private int read(int timeoutMillis) throws IOException {
        int previous = socket.getSoTimeout();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new SocketTimeoutException("no data within " + timeoutMillis + " ms");
                }
                socket.setSoTimeout((int) Math.min(left, 50));
                try {
                    return in.read();
                } catch (SocketTimeoutException slice) {
                    if (watched != null) {
                        watched.rethrowIfFailed();
                    }
                }
            }
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    /** Closes the connection (the server sees end of stream). */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
