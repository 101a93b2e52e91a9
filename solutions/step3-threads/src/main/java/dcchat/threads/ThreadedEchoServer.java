package dcchat.threads;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Step 2's framed echo server, now serving many clients at once: an accept loop on its own thread hands
 * every client to a thread of its own, taken from an executor.
 *
 * <p>Step 3 of DCChat. It teaches threads around blocking calls: {@code accept()} and {@code read()} block
 * the thread that calls them, so each one gets a thread of its own (README §1–§3); a client that fails ends
 * on its own thread without touching the others (§4); and {@link #close()} stops everything in an order
 * that cannot hang — stop accepting, close the client sockets, then wait, with a bound, for the threads
 * (§5). The per-client work is step 2's {@code FramedEchoServer.echoFrames}, unchanged.
 *
 * <pre>
 *   ./dcchat threaded-echo-server --port 5000
 *   # then, in two or more terminals at once: ./dcchat framed-echo-client --port 5000
 * </pre>
 */
public final class ThreadedEchoServer implements AutoCloseable {

    /** How long {@link #close()} waits for each group of threads before it gives up on them. */
    private static final long STOP_WAIT_MILLIS = 1_000;

    private final ServerSocket serverSocket;
    /** The sockets of the clients connected right now: added by the accept thread, removed by handlers. */
    private final Set<Socket> openClients = ConcurrentHashMap.newKeySet();
    /** Runs one {@link ClientHandler} per client, on threads named dcchat-client-1, dcchat-client-2, … */
    private final ExecutorService handlers = Executors.newCachedThreadPool(new NamedThreadFactory("dcchat-client-"));
    private final Thread acceptThread = new Thread(this::acceptLoop, "dcchat-accept");
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Opens the server on the loopback address (as in step 1). Nothing is accepted until {@link #start()}.
     *
     * @param port the TCP port, or 0 for any free one
     * @throws IOException if the port cannot be bound
     */
    public ThreadedEchoServer(int port) throws IOException {
        serverSocket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }

    /** @return the port this server listens on: the real one, also after {@code new ThreadedEchoServer(0)} */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * Starts the accept loop on a new thread named {@code dcchat-accept} and returns at once (README §2).
     *
     * @throws IllegalThreadStateException if the server was already started
     */
    public void start() {
        acceptThread.setDaemon(false); // a new thread inherits daemon status from its creator: say what we mean
        acceptThread.start();          // start(), not run(): run() would loop right here, on the caller's thread
    }

    /**
     * Accepts clients until the listening socket is closed (README §2), handing each one to the executor as a
     * {@link ClientHandler} (README §3). Runs on the {@code dcchat-accept} thread.
     */
    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = serverSocket.accept();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    System.err.println("threaded-echo: accept failed, no longer accepting: " + e.getMessage());
                }
                return; // close() closed the listening socket: accept() throws, and this thread ends (§5)
            }
            openClients.add(client); // before the handler runs, so close() can always find it
            handlers.execute(new ClientHandler(client, openClients));
        }
    }

    /**
     * How many clients are connected right now: accepted, and their handler has not finished (README §3).
     *
     * @return the number of open client connections
     */
    public int clientCount() {
        return openClients.size();
    }

    /**
     * Stops the server in an order that cannot hang, and returns well within a second (README §5):
     * <ol>
     *   <li>close the listening socket — the accept thread's {@code accept()} throws and the thread ends;
     *       wait for it (bounded), so that no new client can slip in after step 2;</li>
     *   <li>close every client socket — each handler's blocked {@code read()} throws and its thread ends;</li>
     *   <li>shut the executor down and wait, with a bound, for the handler threads to finish.</li>
     * </ol>
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // already closed (or closing, on another thread)
        }
        try {
            closeQuietly(serverSocket, "the listening socket");
            acceptThread.join(STOP_WAIT_MILLIS); // returns at once if start() was never called
            for (Socket client : openClients) {
                closeQuietly(client, "client " + client.getRemoteSocketAddress());
            }
            handlers.shutdown(); // no new tasks; running handlers end because their sockets are closed
            if (!handlers.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                System.err.println("threaded-echo: handler threads still running after " + STOP_WAIT_MILLIS
                        + " ms; interrupting them");
                handlers.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            Thread.currentThread().interrupt(); // keep the caller's interrupt for the caller
        }
    }

    private static void closeQuietly(Closeable resource, String what) {
        try {
            resource.close();
        } catch (IOException e) {
            System.err.println("threaded-echo: closing " + what + " failed: " + e.getMessage());
        }
    }

    /**
     * Runs a threaded echo server until the process is stopped (Ctrl+C). {@code main} returns right after
     * {@link #start()}; the process lives on because {@code dcchat-accept} is not a daemon thread (README §2).
     * Ctrl+C runs the shutdown hook, which calls {@link #close()} (README §5).
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
