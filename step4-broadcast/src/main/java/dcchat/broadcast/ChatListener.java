package dcchat.broadcast;

import dcchat.framing.ChatMessage;

/**
 * What a {@link ChatClient} tells its user. Both methods are called on the client's reader thread, one
 * call at a time, in the order the frames arrived — never on the caller's thread (README §7). A GUI must
 * hop to its own thread from here (step 5).
 */
public interface ChatListener {

    /**
     * A message arrived: a {@code chat}, {@code join}, {@code leave} or {@code error}.
     *
     * @param message the message
     */
    void onMessage(ChatMessage message);

    /**
     * The connection ended without {@link ChatClient#close()} being called: the server closed it, went
     * away, or sent bytes that break the wire contract. Called at most once, after the last message.
     *
     * @param reason a readable reason, e.g. "the server closed the connection"
     */
    default void onDisconnected(String reason) {
    }
}
