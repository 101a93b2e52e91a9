package dcchat.broadcast;

import dcchat.framing.ChatMessage;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Who is in the chat, and the one way to reach them all: {@link #broadcast} (README §2, §4).
 *
 * <p>Step 4 of DCChat. This is the shared mutable state every client thread touches at once. Members live
 * in a {@link ConcurrentHashMap}: iterating it while others join or leave never throws
 * {@code ConcurrentModificationException} (the seed chat's broadcast loop over a dict did). Joins and leaves
 * are serialised by one lock so everyone sees them in one order; chat broadcasts take no lock at all —
 * they only queue bytes, which never blocks (see {@link Connection#send}). Every hand-off to a member may
 * wake its writer thread, so the room hands over as few as it can: the same encoded bytes to everyone, a
 * sender's burst of lines as one byte array ({@link #relay}), a newcomer's whole roster as one, and the joins
 * of clients that arrive together as one ({@link #join}).
 */
final class Room {

    private final Map<String, Connection> members = new ConcurrentHashMap<>();
    /** Joins asked for and not done yet: the next thread to hold the lock does them all (see {@link #join}). */
    private final Queue<Join> waiting = new ConcurrentLinkedQueue<>();

    /**
     * Binds {@code name} to a connection and tells everyone. The newcomer first hears a {@code join} for
     * each member already present (so it can list them), then its own {@code join}; the others hear the
     * newcomer's {@code join}.
     *
     * <p>Joins that arrive together are done together: a thread that finds others waiting for the lock does
     * their joins too, and each member hears all the newcomers in one hand-off (see {@link #joinWaiting}).
     *
     * @param connection the client that asked
     * @param name       a valid name (see {@link Names#problem})
     * @return false if the name is taken
     */
    boolean join(Connection connection, String name) {
        Join request = new Join(connection, name);
        waiting.add(request);
        synchronized (this) {
            if (!request.done) {
                joinWaiting();
            }
        }
        return request.joined;
    }

    /**
     * Does every join asked for so far, in the order asked, as one batch. Each newcomer gets the whole
     * roster — everyone present, then every newcomer of the batch, itself included — as one byte array; each
     * member already present gets the newcomers' {@code join}s as one byte array. A class of 2,000 joining at
     * once costs each member one writer wake-up per batch instead of one per newcomer. Called with the lock
     * held.
     */
    private void joinWaiting() {
        Map<String, Connection> arrivals = new LinkedHashMap<>();
        for (Join request = waiting.poll(); request != null; request = waiting.poll()) {
            if (!members.containsKey(request.name) && arrivals.putIfAbsent(request.name, request.connection) == null) {
                request.connection.bind(request.name);
                request.joined = true;
            }
            request.done = true;
        }
        if (arrivals.isEmpty()) {
            return; // every name asked for was taken
        }
        ByteArrayOutputStream newcomers = new ByteArrayOutputStream();
        for (Connection arrival : arrivals.values()) {
            newcomers.writeBytes(arrival.joinFrame());
        }
        byte[] announced = newcomers.toByteArray();
        ByteArrayOutputStream roster = new ByteArrayOutputStream();
        for (Connection present : members.values()) {
            roster.writeBytes(present.joinFrame());
        }
        roster.writeBytes(announced);
        byte[] everyone = roster.toByteArray();
        for (Connection arrival : arrivals.values()) {
            arrival.send(everyone); // the whole roster in one hand-off, before any chat can reach it
        }
        relay(announced); // the members present: every newcomer of the batch in one hand-off
        members.putAll(arrivals);
    }

    /** One client's request to join, done by whichever thread holds the room's lock first. */
    private static final class Join {
        final Connection connection;
        final String name;
        boolean done; // written and read under the room's lock
        boolean joined;

        Join(Connection connection, String name) {
            this.connection = connection;
            this.name = name;
        }
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
        relay(Connection.frameOf(message));
    }

    /**
     * Queues frames already encoded — one, or several back to back — for every member, sender included: one
     * hand-off per member however many frames there are, the same bytes for all. Never blocks.
     *
     * @param frames whole frames (see {@link Connection#frameOf}); shared, never modified
     */
    void relay(byte[] frames) {
        for (Connection member : members.values()) {
            member.send(frames);
        }
    }

    /** @return the names present now, in no particular order */
    List<String> names() {
        return List.copyOf(members.keySet());
    }
}
