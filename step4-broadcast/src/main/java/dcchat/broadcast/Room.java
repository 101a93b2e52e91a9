package dcchat.broadcast;

import dcchat.framing.ChatMessage;
import java.util.List;

/**
 * Who is in the chat, and the one way to reach them all: {@link #broadcast} (README §2, §4).
 *
 * <p>Step 4 of DCChat. This is the shared mutable state every client thread touches at once. Members live
 * in a {@link ConcurrentHashMap}: iterating it while others join or leave never throws
 * {@code ConcurrentModificationException} (the seed chat's broadcast loop over a dict did). Joins and leaves
 * are serialised by one lock so everyone sees them in one order; chat broadcasts take no lock at all —
 * they only queue bytes, which never blocks (see {@link Connection#send}).
 */
final class Room {

    // README §4: the members, name → connection, in a map that is safe to share between threads.

    /**
     * Binds {@code name} to a connection and tells everyone. The newcomer first hears a {@code join} for
     * each member already present (so it can list them), then its own {@code join}; the others hear the
     * newcomer's {@code join}.
     *
     * @param connection the client that asked
     * @param name       a valid name (see {@link Names#problem})
     * @return false if the name is taken
     */
    synchronized boolean join(Connection connection, String name) {
        throw new UnsupportedOperationException("Step 4: bind the name and announce it — see README §2 Joining");
    }

    /**
     * Removes a connection, if it had joined, and tells everyone left.
     *
     * @param connection the client that left or was disconnected
     */
    synchronized void leave(Connection connection) {
        throw new UnsupportedOperationException("Step 4: remove the member and announce it — see README §6 Bad input");
    }

    /**
     * Queues one message for every member, sender included. Encodes it once; never blocks.
     *
     * @param message the message
     */
    void broadcast(ChatMessage message) {
        throw new UnsupportedOperationException("Step 4: encode once, queue for every member — see README §3 Relaying chat");
    }

    /** @return the names present now, in no particular order */
    List<String> names() {
        throw new UnsupportedOperationException("Step 4: list the members present — see README §2 Joining");
    }
}
