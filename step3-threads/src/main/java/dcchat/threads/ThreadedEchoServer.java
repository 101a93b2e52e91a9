package dcchat.threads;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Step 2's framed echo server, now serving many clients at once: an accept loop on its own thread hands
 * every client to a thread of its own, taken from an executor.
 *
 * <p>Step 3 of DCChat. You write it by following step3-threads/README.md, section by section; each method
 * below names its section. The tests in src/test/java are the specification: run
 * {@code ./mvnw test -pl step3-threads -am} and make them green one section at a time. The per-client work
 * is step 2's {@code FramedEchoServer.echoFrames}: reuse it, do not copy it.
 *
 * <pre>
 *   ./dcchat threaded-echo-server --port 5000 --mine
 *   # then, in two or more terminals at once: ./dcchat framed-echo-client --port 5000
 * </pre>
 */
public final class ThreadedEchoServer implements AutoCloseable {

    private final ServerSocket serverSocket;

    // README §2: the accept thread, named "dcchat-accept", in a field here.
    // README §3: the set of open client sockets (thread-safe!) and the ExecutorService, in fields here.

    /**
     * Opens the server on the loopback address (as in step 1). Nothing is accepted until {@link #start()}.
     * Already written for you: binding a port is step 1's lesson.
     *
     * @param port the TCP port, or 0 for any free one
     * @throws IOException if the port cannot be bound
     */
    public ThreadedEchoServer(int port) throws IOException {
        serverSocket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }

    /**
     * The port this server listens on. Already written for you (step 1).
     *
     * @return the real port, also after {@code new ThreadedEchoServer(0)}
     */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * Starts the accept loop on a new thread named {@code dcchat-accept} and returns at once (README §2).
     */
    public void start() {
        throw new UnsupportedOperationException("Step 3: start the accept thread — see README §2 The accept loop on its own thread");
    }

    /**
     * Accepts clients until the listening socket is closed (README §2), handing each one to the executor as a
     * {@link ClientHandler} (README §3). Runs on the {@code dcchat-accept} thread.
     */
    private void acceptLoop() {
        throw new UnsupportedOperationException("Step 3: loop over accept() on the accept thread — see README §2 The accept loop on its own thread");
    }

    /**
     * How many clients are connected right now: accepted, and their handler has not finished (README §3).
     *
     * @return the number of open client connections
     */
    public int clientCount() {
        throw new UnsupportedOperationException("Step 3: count the open client sockets — see README §3 A thread per client, from an executor");
    }

    /**
     * Stops the server in an order that cannot hang, and returns well within a second (README §5): close the
     * listening socket and wait (bounded) for the accept thread; close every client socket; shut the executor
     * down and await it with a bound. Calling it again does nothing.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("Step 3: stop accepting, close the clients, await the threads — see README §5 Orderly shutdown");
    }

    /**
     * Runs a threaded echo server until the process is stopped (Ctrl+C). Already written for you.
     * {@code main} returns right after {@link #start()}; the process lives on because {@code dcchat-accept} is
     * not a daemon thread (README §2). Ctrl+C runs the shutdown hook, which calls {@link #close()} (README §5).
     *
     * @param args optional: the port (default 5000; 0 picks a free port)
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        ThreadedEchoServer server = new ThreadedEchoServer(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dcchat-shutdown"));
        server.start();
        System.out.println("Threaded echo server listening on 127.0.0.1:" + server.port() + " (Ctrl+C stops it)");
    }
}
