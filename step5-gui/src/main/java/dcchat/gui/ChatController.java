package dcchat.gui;

import dcchat.broadcast.ChatClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.swing.SwingWorker;

/**
 * Connects the view to the network: connects and joins without freezing the window, sends what you type,
 * reconnects, and leaves (README §4, §5). The view calls it on the event dispatch thread; it never makes
 * that thread wait for the network.
 *
 * <p>Step 5 of DCChat. Blocking work runs elsewhere: connecting on a {@link SwingWorker}'s background
 * thread, sending on one {@code dcchat-gui-sender} thread (one thread, so your lines leave in the order you
 * typed them). Results come back to the {@link ChatModel} on the EDT.
 */
public final class ChatController implements AutoCloseable {

    private final ChatModel model;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "dcchat-gui-sender"));
    private ChatClient client;           // EDT only
    private String host;                 // EDT only: the last address and name, for reconnect()
    private int port;
    private String name;
    private int attempt;                 // EDT only: which connect() is current

    /**
     * @param model the model this controller feeds
     */
    public ChatController(ChatModel model) {
        this.model = model;
        // A refused name or a lost connection ends this client: let it go (the model says why).
        model.addChangeListener(e -> {
            if (model.state() == ChatModel.State.FAILED || model.state() == ChatModel.State.LOST) {
                dropClient();
            }
        });
    }

    /** @return the model this controller feeds */
    public ChatModel model() {
        return model;
    }

    /**
     * Connects to {@code host:port} and joins as {@code name} without blocking the EDT (EDT only; README §4):
     * a {@link SwingWorker} connects in the background; its {@code done()}, back on the EDT, keeps the client
     * and sends the join on the sender thread. Returns at once: the model is CONNECTING now, and becomes
     * CONNECTED when the server confirms the name, or FAILED with a readable reason ({@link #describe}).
     *
     * @param host the server's host
     * @param port the server's port
     * @param name the name to join as
     */
    public void connect(String host, int port, String name) {
        throw new UnsupportedOperationException("Step 5: connect on a SwingWorker, then join — see README §4 Connecting without freezing");
    }

    /**
     * Connects again to the last address, under the last name (EDT only; README §5).
     *
     * @throws IllegalStateException if {@link #connect} was never called
     */
    public void reconnect() {
        throw new UnsupportedOperationException("Step 5: connect again to the last address — see README §5 When the server goes away");
    }

    /**
     * Sends a chat line on the sender thread and returns at once (EDT only; README §2). If the line cannot
     * be sent, an error line says so. Without a connection, does nothing.
     *
     * @param text the line, already trimmed and not empty
     */
    public void send(String text) {
        throw new UnsupportedOperationException("Step 5: send on the sender thread, not on the EDT — see README §4 Connecting without freezing");
    }

    /**
     * Turns a failure to connect into one sentence a person can act on — never a stack trace (README §5).
     *
     * @param host  the host tried
     * @param port  the port tried
     * @param cause what {@code ChatClient.connect} or {@code join} threw
     * @return e.g. "Cannot reach 127.0.0.1:5000 — is the server running?"
     */
    public static String describe(String host, int port, Throwable cause) {
        throw new UnsupportedOperationException("Step 5: one readable sentence, never a stack trace — see README §5 When the server goes away");
    }

    /**
     * Leaves: closes the connection (the server tells the others) and stops the sender thread, without
     * waiting on the EDT (README §6). Lines already queued are sent first.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("Step 5: close the connection and the sender thread — see README §6 The window");
    }

    private void dropClient() {
        ChatClient c = client;
        client = null;
        if (c != null) {
            release(c);
        }
    }

    /** Closes a client off the EDT: ChatClient.close() waits briefly for its reader thread. */
    private void release(ChatClient c) {
        if (sender.isShutdown()) {
            new Thread(c::close, "dcchat-gui-close").start();
        } else {
            sender.execute(c::close);
        }
    }
}
