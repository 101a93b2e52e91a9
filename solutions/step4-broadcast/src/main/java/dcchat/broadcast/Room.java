package dcchat.broadcast;

import dcchat.framing.ChatMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private final Map<String, Connection> members = new ConcurrentHashMap<>();

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
        if (members.containsKey(name)) {
            return false;
        }
        for (Connection present : members.values()) {
            connection.send(present.joinFrame());
        }
        connection.bind(name);
        byte[] joined = connection.joinFrame();
        connection.send(joined);
        members.put(name, connection);
        for (Connection other : members.values()) {
            if (other != connection) {
                other.send(joined);
            }
        }
        return true;
    }

    /**
     * Removes a connection, if it had joined, and tells everyone left.
     *
     * @param connection the client that left or was disconnected
     */
    synchronized void leave(Connection connection) {
        String name = connection.username();
        if (name != null && members.remove(name, connection)) {
            broadcast(ChatMessage.leave(name));
        }
    }

    /**
     * Queues one message for every member, sender included. Encodes it once; never blocks.
     *
     * @param message the message
     */
    void broadcast(ChatMessage message) {
        byte[] frame = Connection.frameOf(message);
        for (Connection member : members.values()) {
            member.send(frame);
        }
    }

    /** @return the names present now, in no particular order */
    List<String> names() {
        return List.copyOf(members.keySet());
    }
}
