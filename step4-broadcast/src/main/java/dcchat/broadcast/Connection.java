package dcchat.broadcast;

import dcchat.framing.ChatMessage;
import dcchat.framing.FrameWriter;
import dcchat.framing.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;

/**
 * One connected client, seen from the server: its socket, its bounded outbound queue, and the loop its
 * writer thread runs (README §5).
 *
 * <p>Step 4 of DCChat. Nobody writes to a client's socket but its own writer thread. A broadcast only
 * {@linkplain #send puts a frame in the queue}, which never blocks: a client that stops reading fills its
 * own queue, not the room's time. When the queue is full the client is disconnected — loudly, with a log
 * line — rather than silently skipped. The writer drains many frames per system call (one write and one
 * flush for a whole batch): that, not threads, is what makes fan-out fast.
 */
final class Connection {

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final int id;
    private final Socket socket;
    // README §5: a bounded queue of frames waiting for this client, and whatever the writer needs to stop.
    private volatile String username;

    /**
     * @param id            a number for logs and thread names
     * @param socket        the accepted socket
     * @param queueCapacity how many frames may wait for this client before it is disconnected
     */
    Connection(int id, Socket socket, int queueCapacity) {
        this.id = id;
        this.socket = socket;
        // README §5: create the bounded outbound queue here, with room for queueCapacity frames.
    }

    /**
     * Encodes a message as a whole frame (header + body), once, so a broadcast can share the bytes.
     *
     * @param message the message
     * @return the frame's bytes
     */
    static byte[] frameOf(ChatMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new FrameWriter(bytes).writeFrame(MessageCodec.encode(message));
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream cannot fail", e);
        }
        return bytes.toByteArray();
    }

    int id() {
        return id;
    }

    Socket socket() {
        return socket;
    }

    /** @return the name bound at join, or null before */
    String username() {
        return username;
    }

    void bind(String name) {
        this.username = name;
    }

    /** @return how this connection is called in logs: its name if it has one */
    String label() {
        String name = username;
        return name != null ? "'" + name + "' (#" + id + ")" : "#" + id;
    }

    /**
     * Queues a frame for this client without ever blocking. If the queue is full, the client is not
     * keeping up: it is disconnected and the reason logged.
     *
     * @param frame a whole frame (see {@link #frameOf}); shared, never modified
     * @return false if the client is gone or was just disconnected
     */
    boolean send(byte[] frame) {
        throw new UnsupportedOperationException("Step 4: queue the frame without blocking; disconnect the client if its queue is full — see README §5 Slow clients");
    }

    /**
     * The writer thread's loop: takes frames from the queue, writes them in batches, one flush per batch.
     * Ends when the connection closes or after {@link #finish} has been written.
     */
    void writeLoop() {
        throw new UnsupportedOperationException("Step 4: take frames from the queue and write them in batches — see README §5 Slow clients");
    }

    /**
     * Sends one last frame, then ends the output (the client reads the frame, then end of stream). Waits
     * a bounded time for the writer to get there.
     *
     * @param lastFrame the last frame, typically an {@code error}
     * @throws InterruptedException if interrupted while waiting
     */
    void finish(byte[] lastFrame) throws InterruptedException {
        throw new UnsupportedOperationException("Step 4: send a last frame, then end the output — see README §6 Bad input");
    }

    /** Closes the socket at once and wakes the writer. Safe to call from any thread, any number of times. */
    void close() {
        throw new UnsupportedOperationException("Step 4: close the socket once and wake the writer — see README §9 Shutting down");
    }

    boolean isClosed() {
        throw new UnsupportedOperationException("Step 4: report whether close() was called — see README §9 Shutting down");
    }
}
