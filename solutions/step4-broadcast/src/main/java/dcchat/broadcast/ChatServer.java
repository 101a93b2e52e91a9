package dcchat.broadcast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DCChat broadcast server: accepts clients, gives each a reader thread and a writer thread, and relays
 * every chat line to everyone (README §1).
 *
 * <p>Step 4 of DCChat: the whole chat. This class is only the bootstrap — bind, accept, shut down in order.
 * The protocol lives in {@link Session}, the shared state in {@link Room}, the per-client queue and writer
 * in {@link Connection}.
 *
 * <pre>
 *   ./dcchat server --port 5000          prints: DCChat server listening on 127.0.0.1:5000
 *   ./dcchat client --name ana --port 5000
 * </pre>
 */
public final class ChatServer implements AutoCloseable {

    /** Frames that may wait for one client before it counts as not reading and is disconnected. */
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;

    private static final System.Logger LOG = System.getLogger(ChatServer.class.getName());

    private final ServerSocket listener;
    private final int queueCapacity;
    private final Room room = new Room();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private final ExecutorService readers = Executors.newCachedThreadPool(ClientThreads.named("dcchat-client-"));
    private final ExecutorService writers = Executors.newCachedThreadPool(ClientThreads.named("dcchat-writer-"));
    private final Thread acceptThread;

    /**
     * Opens the server on 127.0.0.1 with the default queue capacity.
     *
     * @param port the port, or 0 for any free one
     * @throws IOException if the port cannot be bound
     */
    public ChatServer(int port) throws IOException {
        this(port, DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * Opens the server on 127.0.0.1.
     *
     * @param port          the port, or 0 for any free one
     * @param queueCapacity frames that may wait for one slow client before it is disconnected (README §5)
     * @throws IOException if the port cannot be bound
     */
    public ChatServer(int port, int queueCapacity) throws IOException {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity " + queueCapacity + " must be at least 1");
        }
        this.queueCapacity = queueCapacity;
        this.listener = new ServerSocket(port, 4096, InetAddress.getLoopbackAddress()); // a class connecting at once
        this.acceptThread = new Thread(this::acceptLoop, "dcchat-accept");
    }

    /** @return the port this server listens on */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Starts accepting clients on the {@code dcchat-accept} thread and returns at once.
     *
     * @return this server
     */
    public ChatServer start() {
        acceptThread.start();
        return this;
    }

    /** @return the names of the clients that have joined, in no particular order */
    public List<String> usernames() {
        return room.names();
    }

    /** @return how many clients are connected, joined or not */
    public int connectionCount() {
        return connections.size();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.log(Level.ERROR, "accept failed, server stops: {0}", e.getMessage());
                }
                return;
            }
            Connection connection = new Connection(ids.incrementAndGet(), socket, queueCapacity);
            connections.add(connection);
            try {
                writers.execute(connection::writeLoop);
                readers.execute(() -> {
                    try {
                        new Session(connection, room).run();
                    } finally {
                        connections.remove(connection);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                connection.close(); // closing down
                connections.remove(connection);
            }
        }
    }

    /**
     * Shuts down in order: stop accepting, close every client, wait (bounded) for their threads. Returns
     * within about a second even with many clients connected; calling it again does nothing.
     */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the listening socket", e);
        }
        try {
            if (acceptThread.isAlive()) {
                acceptThread.join(1000);
            }
            readers.shutdown();
            writers.shutdown();
            for (Connection connection : connections) {
                connection.close();
            }
            if (!readers.awaitTermination(1, TimeUnit.SECONDS) | !writers.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "client threads still running after 1 s; interrupting them");
                readers.shutdownNow();
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            readers.shutdownNow();
            writers.shutdownNow();
        }
    }

    /**
     * Runs a chat server until the process is stopped.
     *
     * @param args optional: {@code --port P} (default 5000; 0 for any free port)
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 5000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else if (args[i].matches("\\d+")) {
                port = Integer.parseInt(args[i]);
            } else {
                System.err.println("usage: ChatServer [--port P]");
                System.exit(2);
            }
        }
        ChatServer server = new ChatServer(port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dcchat-shutdown"));
        System.out.println("DCChat server listening on 127.0.0.1:" + server.port());
        server.acceptThread.join();
    }
}
