package dcchat.broadcast;

import dcchat.framing.ChatMessage;
import dcchat.framing.FrameWriter;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DCChat client library: connect, join, send chat lines, and hear everything through a
 * {@link ChatListener} called on a reader thread of its own (README §7). Step 5's window is built on it.
 *
 * <p>Step 4 of DCChat. Sending is safe from any thread (one lock around the frame writer); receiving happens
 * on the {@code dcchat-receiver-N} thread, which ends when the connection does.
 *
 * <pre>
 *   try (ChatClient chat = ChatClient.connect("127.0.0.1", 5000, message -> System.out.println(message))) {
 *       chat.join("ana");
 *       chat.send("hola");
 *   }
 * </pre>
 */
public final class ChatClient implements AutoCloseable {

    /** How long {@link #connect} waits for the server to answer the connection. */
    public static final int CONNECT_TIMEOUT_MILLIS = 3000;

    private static final AtomicInteger IDS = new AtomicInteger();

    private final Socket socket;
    private final FrameWriter writer;
    private final ChatListener listener;
    private final Thread receiver;
    private volatile boolean closing;

    private ChatClient(Socket socket, ChatListener listener) throws IOException {
        this.socket = socket;
        this.writer = new FrameWriter(socket.getOutputStream());
        this.listener = listener;
        this.receiver = new Thread(this::receiveLoop, "dcchat-receiver-" + IDS.incrementAndGet());
        this.receiver.setDaemon(true); // never keeps a GUI or console program alive on its own
    }

    /**
     * Connects to a DCChat server and starts listening.
     *
     * @param host     the server's host, e.g. {@code "127.0.0.1"}
     * @param port     the server's port
     * @param listener told about every message and about the end of the connection
     * @return the connected client
     * @throws IOException if the server cannot be reached
     */
    public static ChatClient connect(String host, int port, ChatListener listener) throws IOException {
        throw new UnsupportedOperationException("Step 4: connect and start the reader thread — see README §7 The client library");
    }

    /**
     * Asks to join under a name. The answer comes to the listener: a {@code join} with this name, or an
     * {@code error} if it is taken or invalid.
     *
     * @param username the name
     * @throws IOException if the connection fails
     */
    public void join(String username) throws IOException {
        throw new UnsupportedOperationException("Step 4: send a join frame — see README §7 The client library");
    }

    /**
     * Sends a chat line. Everyone, this client included, receives it back from the server.
     *
     * @param text the line
     * @throws IllegalArgumentException if the line does not fit in one frame (its JSON over 65,536 bytes); nothing
     *                                  is sent, and the client carries on
     * @throws IOException              if the connection fails
     */
    public void send(String text) throws IOException {
        throw new UnsupportedOperationException("Step 4: send a chat frame — see README §7 The client library");
    }

    private void write(ChatMessage message) throws IOException {
        throw new UnsupportedOperationException("Step 4: one frame at a time, from any thread — see README §7 The client library");
    }

    private void receiveLoop() {
        throw new UnsupportedOperationException("Step 4: read frames and tell the listener — see README §7 The client library");
    }

    /** @return true until the connection has ended */
    public boolean isConnected() {
        throw new UnsupportedOperationException("Step 4: is the connection still up? — see README §7 The client library");
    }

    /**
     * Leaves: closes the connection (the server tells the others) and waits briefly for the reader thread.
     * The listener's {@code onDisconnected} is not called for a close you asked for.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("Step 4: close the socket and wait for the reader thread — see README §7 The client library");
    }
}
