package dcchat.gui;

import dcchat.broadcast.ChatListener;
import dcchat.framing.ChatMessage;
import javax.swing.DefaultListModel;
import javax.swing.SwingUtilities;
import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;
import javax.swing.event.EventListenerList;

/**
 * What the chat window shows, without the window: the message list, the users present, and the
 * connection's state (README §2). The view ({@link ChatPanel}) draws it; {@link ChatController} and the
 * network feed it.
 *
 * <p>Step 5 of DCChat. Like every Swing model, it is touched <b>only on the event dispatch thread</b>:
 * {@link #listener()} is the one door through which the network's reader thread comes in, and it hops to
 * the EDT with {@code SwingUtilities.invokeLater} (README §1).
 */
public final class ChatModel {

    /** Where the connection stands. */
    public enum State {
        /** Not connected, and not trying. */
        DISCONNECTED,
        /** Connecting, or waiting for the server to confirm the name. */
        CONNECTING,
        /** Joined: the server confirmed the name. */
        CONNECTED,
        /** Connecting failed: the server is down, or refused the name. */
        FAILED,
        /** The server went away after we had joined. */
        LOST
    }

    private final DefaultListModel<ChatLine> messages = new DefaultListModel<>();
    private final DefaultListModel<String> users = new DefaultListModel<>();
    private final EventListenerList changeListeners = new EventListenerList();
    private State state = State.DISCONNECTED;
    private String status = "Not connected";
    private String myName;

    /** @return the message list, for a {@code JList<ChatLine>} (EDT only) */
    public DefaultListModel<ChatLine> messages() {
        return messages;
    }

    /** @return the names present, sorted, for a {@code JList<String>} (EDT only) */
    public DefaultListModel<String> users() {
        return users;
    }

    /** @return where the connection stands (EDT only) */
    public State state() {
        return state;
    }

    /** @return one readable sentence about the connection, for the status bar (EDT only) */
    public String status() {
        return status;
    }

    /** @return the name this window joins as, or null before the first connect (EDT only) */
    public String myName() {
        return myName;
    }

    /**
     * Tells {@code listener} (on the EDT) whenever {@link #state()} or {@link #status()} changes.
     *
     * @param listener the listener
     */
    public void addChangeListener(ChangeListener listener) {
        changeListeners.add(ChangeListener.class, listener);
    }

    /**
     * Sets the state and the status sentence, and tells the change listeners (EDT only).
     *
     * @param state  the new state
     * @param status a readable sentence, e.g. "Connected as ana"
     */
    public void setState(State state, String status) {
        this.state = state;
        this.status = status;
        ChangeEvent event = new ChangeEvent(this);
        for (ChangeListener l : changeListeners.getListeners(ChangeListener.class)) {
            l.stateChanged(event);
        }
    }

    /**
     * Starts a new connection attempt as {@code name}: forgets who was present, and says so (EDT only).
     *
     * @param address e.g. "127.0.0.1:5000"
     * @param name    the name to join as
     */
    public void connecting(String address, String name) {
        this.myName = name;
        users.clear();
        messages.addElement(ChatLine.status("Connecting to " + address + " as " + name + " …"));
        setState(State.CONNECTING, "Connecting to " + address + " as " + name + " …");
    }

    /**
     * The one door from the network into the model: a {@link ChatListener} for {@code ChatClient.connect}
     * whose methods run on the client's reader thread and hand each event to the EDT, in order, without
     * waiting for it (README §1).
     *
     * @return a listener that calls {@link #apply} and {@link #connectionLost} on the EDT
     */
    public ChatListener listener() {
        return new ChatListener() {
            @Override
            public void onMessage(ChatMessage message) {
                SwingUtilities.invokeLater(() -> apply(message));
            }

            @Override
            public void onDisconnected(String reason) {
                SwingUtilities.invokeLater(() -> connectionLost(reason));
            }
        };
    }

    /**
     * Applies one message from the server to the lists (EDT only; README §2): a chat becomes a line (your
     * own, if it carries your name); a join adds the name to the users, in sorted order and once, and a
     * line; a leave removes it, and a line; an error becomes an error line. Your own join means the server
     * accepted your name: the state becomes CONNECTED. An error before that means it refused it: FAILED.
     *
     * @param message a message from the server
     */
    public void apply(ChatMessage message) {
        switch (message.type()) {
            case ChatMessage.CHAT -> messages.addElement(message.username() != null && message.username().equals(myName)
                    ? ChatLine.own(message.username(), message.data())
                    : ChatLine.chat(message.username(), message.data()));
            case ChatMessage.JOIN -> {
                addUser(message.username());
                messages.addElement(ChatLine.join(message.username()));
                if (message.username().equals(myName) && state == State.CONNECTING) {
                    setState(State.CONNECTED, "Connected as " + myName);
                }
            }
            case ChatMessage.LEAVE -> {
                users.removeElement(message.username());
                messages.addElement(ChatLine.leave(message.username()));
            }
            case ChatMessage.ERROR -> {
                messages.addElement(ChatLine.error(message.data()));
                if (state == State.CONNECTING) {
                    setState(State.FAILED, "The server refused the name " + myName + ": " + message.data());
                }
            }
            default -> messages.addElement(ChatLine.error("unknown message type " + message.type()));
        }
    }

    private void addUser(String name) {
        int i = 0;
        while (i < users.size() && users.get(i).compareTo(name) < 0) {
            i++;
        }
        if (i == users.size() || !users.get(i).equals(name)) {
            users.add(i, name);
        }
    }

    /**
     * Connecting failed (EDT only; README §5): state FAILED, the readable reason as the status and as an
     * error line.
     *
     * @param reason e.g. "Cannot reach 127.0.0.1:5000 — is the server running?"
     */
    public void connectFailed(String reason) {
        messages.addElement(ChatLine.error(reason));
        setState(State.FAILED, reason);
    }

    /**
     * The server went away (EDT only; README §5): nobody is known to be present any more, the window
     * says so in a sentence, and the state becomes LOST, which shows the Reconnect button.
     *
     * @param reason the client's reason, e.g. "the server closed the connection"
     */
    public void connectionLost(String reason) {
        users.clear();
        String text = "Disconnected: " + reason + ". Press Reconnect to try again.";
        messages.addElement(ChatLine.error(text));
        setState(State.LOST, text);
    }
}
