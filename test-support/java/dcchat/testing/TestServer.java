package dcchat.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A tiny in-test server for checking client code: binds port 0 on loopback, hands every connection to a
 * handler on its own thread, and shuts down in order (stop accepting, close connections, await threads).
 *
 * <p>Kit test support: students never edit this file. Modelled on OkHttp's MockWebServer: it closes itself after
 * the test ({@link Teaching}), so a test needs no teardown for it.
 */
public final class TestServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Serves one connection; the server closes the socket afterwards.
         *
         * @param socket the accepted connection
         * @throws Exception anything; it ends this connection only
         */
        void handle(Socket socket) throws Exception;
    }

    /** Every server not yet closed, so that a stuck test can hang up on the program ({@link #hangUpAll}). */
    private static final java.util.Set<TestServer> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ServerSocket listener;
    private final ExecutorService threads;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    private TestServer(Handler handler) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger ids = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-server-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(() -> acceptLoop(handler));
        OPEN.add(this);
        Teaching.closedAfterTest(this);
    }

    /**
     * Closes every open connection of every open test server, so that a program blocked reading from one of them
     * sees the end of the stream: used when a test is stuck inside the program ({@link Teaching}).
     */
    static void hangUpAll() {
        for (TestServer server : OPEN) {
            for (Socket socket : server.connections) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    /**
     * Starts a server that runs {@code handler} for every connection.
     *
     * @param handler what to do with each connection
     * @return the running server
     * @throws IOException if no loopback port can be bound
     */
    public static TestServer start(Handler handler) throws IOException {
        return new TestServer(handler);
    }

    /**
     * A line server: for every UTF-8 line received it records the line and answers {@code reply(line)}.
     *
     * @param reply how to answer a line
     * @param received where every received line is put, in order
     * @return the running server
     * @throws IOException if no loopback port can be bound
     */
    public static TestServer replyingLines(UnaryOperator<String> reply, BlockingQueue<String> received)
            throws IOException {
        return start(socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                received.add(text);
                out.write((reply.apply(text) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            received.add(END_OF_STREAM);
        });
    }

    /** Put in the {@code received} queue of {@link #replyingLines} when the client closes its side. */
    public static final String END_OF_STREAM = "<end of stream>";

    /** @return a new empty queue for {@link #replyingLines} */
    public static BlockingQueue<String> queue() {
        return new LinkedBlockingQueue<>();
    }

    /** @return the port to connect to */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return how many connections were accepted so far */
    public int acceptedCount() {
        return accepted.get();
    }

    private void acceptLoop(Handler handler) {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            connections.add(socket);
            threads.execute(() -> {
                try (socket) {
                    handler.handle(socket);
                } catch (SocketException e) {
                    // the peer went away or close() was called: normal in tests
                } catch (Exception e) {
                    throw new IllegalStateException(Lesson.say("test server handler failed",
                            "falló el handler del servidor fake del test"), e);
                } finally {
                    connections.remove(socket);
                }
            });
        }
    }

    /** Stops accepting, closes every open connection, waits (bounded) for the handler threads. */
    @Override
    public void close() throws IOException {
        OPEN.remove(this);
        listener.close();
        for (Socket socket : connections) {
            socket.close();
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
                throw new IllegalStateException(Lesson.say("test server threads did not stop within 2 s",
                        "los threads del servidor fake del test no se detuvieron en 2 s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
