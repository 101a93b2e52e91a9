package dcchat.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plumbing shared by the tests' own clients ({@link LineClient}, {@link FrameClient}): a loopback
 * socket, reads with a deadline that never lose bytes, and teaching failures.
 *
 * <p>Kit test support: students never edit this file. It works directly on the socket's byte streams so a
 * read that times out loses nothing, and so a test can send raw or half-finished bytes on purpose.
 */
public abstract class TestConnection implements AutoCloseable {

    /** How long a read waits for a reply that should come. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** The README section failures point at. */
    protected final String section;
    /** Bytes read but not yet handed to the test (an unfinished line or frame). */
    protected final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Background watched;
    /** The tests' connections open right now (a stall's hint differs when the program has several clients). */
    private static final AtomicInteger open = new AtomicInteger();

    /**
     * Connects to {@code 127.0.0.1:port}.
     *
     * @param port    the server's port
     * @param section the README section failures should point at
     * @throws IOException if the connection is refused
     */
    protected TestConnection(int port, String section) throws IOException {
        this(port, section, 0);
    }

    /**
     * Connects to {@code 127.0.0.1:port} with a chosen receive buffer (set before connecting, so it takes
     * effect): a tiny one makes a client that stops reading push back on the server at once.
     *
     * @param port              the server's port
     * @param section           the README section failures should point at
     * @param receiveBufferSize the receive buffer in bytes, or 0 for the system default
     * @throws IOException if the connection is refused
     */
    protected TestConnection(int port, String section, int receiveBufferSize) throws IOException {
        this.socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 3000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.section = section;
        open.incrementAndGet();
        Teaching.closedAfterTest(this);
    }

    /**
     * Makes every wait of this client also watch a server running in the background: if that server's
     * thread dies (a stub throwing, say), the wait fails at once with that exception instead of waiting
     * out its time limit.
     *
     * @param server the background call serving this client
     */
    protected void watch(Background server) {
        this.watched = server;
    }

    /** @return the underlying socket, for tests that need to misbehave on purpose */
    public Socket socket() {
        return socket;
    }

    /**
     * Sends bytes exactly as given, flushed.
     *
     * @param bytes the bytes
     * @throws IOException if the connection fails
     */
    public void sendRaw(byte[] bytes) throws IOException {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            if (watched != null) {
                watched.rethrowIfFailedWithin(Duration.ofMillis(300)); // the server died: show why, not "broken pipe"
            }
            throw e;
        }
    }

    /**
     * Reads one byte, waiting at most {@code timeout}, in short slices so that a watched server that dies is
     * noticed at once, and so that a program that can no longer answer is noticed too ({@link Stalled}).
     *
     * @param timeout how long to wait
     * @return the byte, or -1 at end of stream
     * @throws SocketTimeoutException if nothing arrives in time ({@link Stalled} if nothing can arrive any more)
     * @throws IOException            if the connection fails
     */
    protected int read(Duration timeout) throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1, timeout);
        return n == -1 ? -1 : one[0] & 0xFF;
    }

    /**
     * Reads up to {@code length} bytes into {@code buffer}, waiting at most {@code timeout} for the first of
     * them (in slices, like {@link #read(Duration)}).
     *
     * @return how many bytes were read, or -1 at end of stream
     * @throws SocketTimeoutException if nothing arrives in time ({@link Stalled} if nothing can arrive any more)
     * @throws IOException            if the connection fails
     */
    protected int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        return read(buffer, offset, length, timeout, new Stall());
    }

    private int read(byte[] buffer, int offset, int length, Duration timeout, Stall stall) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException(Lesson.say("no data within " + timeout.toMillis() + " ms",
                        "no llegaron datos en " + timeout.toMillis() + " ms"));
            }
            socket.setSoTimeout((int) Math.min(left, Stall.SLICE_MILLIS));
            try {
                int n = in.read(buffer, offset, length);
                if (n == -1 && watched != null) {
                    watched.rethrowIfFailedWithin(Duration.ofMillis(300)); // did the server die on us?
                }
                return n;
            } catch (SocketTimeoutException slice) {
                if (watched != null) {
                    watched.rethrowIfFailed();
                }
                Stall.Report stuck = stall == null ? null : stall.sample();
                if (stuck != null) {
                    throw new Stalled(stuck, open.get());
                }
            }
        }
    }

    /**
     * Thrown by a read when nothing can arrive any more: every thread of the program under test is blocked
     * (see {@link Stall}). Its message says where each one waits and what that likely means.
     */
    public static final class Stalled extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;
        private final transient Stall.Report report;

        Stalled(Stall.Report report, int openConnections) {
            super(report.sentence(report.hint(openConnections > 1)));
            this.report = report;
        }

        /** @return for a wait for end of stream: the connection stayed open, and where the program's threads wait */
        Object stayedOpen() {
            return Lesson.verbatim(Lesson.say("the connection stayed open, and nothing will close it: every thread "
                    + "of your program is blocked:", "la conexión siguió abierta, y nada la va a cerrar: todos los "
                    + "threads de tu programa están bloqueados:") + System.lineSeparator() + report.indentedWhere());
        }
    }

    /**
     * The first sentence of a failure after a wait that ended without what it waited for.
     *
     * @param e       how the wait ended
     * @param nothing what did not arrive, in the student's language ({@link Lesson#say}): in English the start of
     *                the sentence, e.g. {@code "No complete line"}; in Spanish what follows "No llegó", e.g.
     *                {@code "ninguna línea completa"}
     * @param awaited what the test waited for
     * @return "No complete line arrived within 3000 ms while …", or, after a stall, "… and none can: …"
     */
    protected static String silence(SocketTimeoutException e, String nothing, String awaited) {
        return e instanceof Stalled
                ? Lesson.say(nothing + " arrived while the test waited for " + awaited
                        + ", and none can: your program is stuck.", "No llegó " + nothing + " mientras el test "
                        + "esperaba " + awaited + ", y ya no puede llegar: tu programa está atascado.")
                : Lesson.say(nothing + " arrived within " + REPLY_TIMEOUT.toMillis() + " ms while the test waited for "
                        + awaited + ".", "No llegó " + nothing + " en " + REPLY_TIMEOUT.toMillis()
                        + " ms mientras el test esperaba " + awaited + ".");
    }

    /**
     * What the program did instead, after a wait that ended without a reply.
     *
     * @param e      how the wait ended
     * @param normal the text for a plain timeout, e.g. {@code "nothing (was the reply flushed?)"}
     * @return the stall's diagnosis (shown as it is, on several lines), or {@code normal}
     */
    protected static Object instead(SocketTimeoutException e, String normal) {
        return e instanceof Stalled ? Lesson.verbatim(e.getMessage()) : normal;
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
            byte[] one = new byte[1];
            int b = read(one, 0, 1, quiet, null) == -1 ? -1 : one[0] & 0xFF; // silence is expected: no stall check
            if (b != -1) {
                pending.write(b);
            }
            throw new AssertionError(Lesson.explain(reason,
                    Lesson.say("no reply during " + quiet.toMillis() + " ms",
                            "ninguna respuesta durante " + quiet.toMillis() + " ms"),
                    b == -1 ? Lesson.say("the server closed the connection", "el servidor cerró la conexión")
                            : Lesson.say("a reply started arriving", "empezó a llegar una respuesta"), section));
        } catch (SocketTimeoutException expected) {
            // silence, as expected
        }
    }

    /**
     * Asserts that the server closes the connection (end of stream, or a reset) within
     * {@link #REPLY_TIMEOUT}, without sending anything more first.
     *
     * @param why what the server should have done, in words
     * @throws IOException if the connection fails in another way than being closed
     */
    public void assertClosedByServer(String why) throws IOException {
        try {
            int b = read(REPLY_TIMEOUT);
            if (b != -1) {
                throw new AssertionError(Lesson.explain(why, Lesson.say("end of stream", "fin del flujo"),
                        Lesson.say("more data from the server", "más datos del servidor"), section));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(Lesson.explain(why, Lesson.say("end of stream within "
                    + REPLY_TIMEOUT.toMillis() + " ms", "fin del flujo antes de " + REPLY_TIMEOUT.toMillis() + " ms"),
                    e instanceof Stalled ? ((Stalled) e).stayedOpen()
                            : Lesson.say("the connection stayed open", "la conexión siguió abierta"), section));
        } catch (SocketException e) {
            // connection reset: the server closed it too, only more abruptly
        }
    }

    /**
     * Leaves in the middle of a test: closes the connection, so the server sees the end of the stream. (The same as
     * {@link #close()}, named for what it means to the server, and callable on a client that a try-with-resources
     * block will close again at its end.)
     *
     * @throws IOException if closing fails
     */
    public void hangUp() throws IOException {
        close();
    }

    /** Closes the connection (the server sees end of stream); closing again does nothing. */
    @Override
    public void close() throws IOException {
        if (!socket.isClosed()) {
            open.decrementAndGet();
        }
        socket.close();
    }
}
