package dcchat.broadcast;

import dcchat.framing.ChatMessage;
import dcchat.framing.FrameWriter;
import dcchat.framing.MessageCodec;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
    /** Put in the queue to make the writer flush, shut the output down and stop. */
    private static final byte[] END = new byte[0];

    private final int id;
    private final Socket socket;
    private final BlockingQueue<byte[]> outbound;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private volatile String username;
    private volatile byte[] joinFrame;

    /**
     * @param id            a number for logs and thread names
     * @param socket        the accepted socket
     * @param queueCapacity how many frames may wait for this client before it is disconnected
     */
    Connection(int id, Socket socket, int queueCapacity) {
        this.id = id;
        this.socket = socket;
        this.outbound = new ArrayBlockingQueue<>(queueCapacity);
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

    Socket socket() {
        return socket;
    }

    /** @return the name bound at join, or null before */
    String username() {
        return username;
    }

    void bind(String name) {
        this.joinFrame = frameOf(ChatMessage.join(name)); // encoded once, sent to every later newcomer
        this.username = name;
    }

    /** @return the {@code join} frame announcing this client's bound name, or null before join */
    byte[] joinFrame() {
        return joinFrame;
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
     * @param frame a whole frame (see {@link #frameOf}), or several back to back; shared, never modified
     * @return false if the client is gone or was just disconnected
     */
    boolean send(byte[] frame) {
        if (closed.get()) {
            return false;
        }
        if (!outbound.offer(frame)) {
            LOG.log(Level.WARNING, "disconnecting {0}: its outbound queue is full ({1} frames); it stopped reading",
                    label(), outbound.size());
            close();
            return false;
        }
        return true;
    }

    /**
     * The writer thread's loop: waits for the first frame, takes everything else already queued, and writes
     * it all with one flush — one wake-up and (up to 64 KiB) one system call for the whole batch. Ends when the
     * connection closes or after {@link #finish} has been written.
     */
    void writeLoop() {
        List<byte[]> batch = new ArrayList<>();
        try {
            socket.setTcpNoDelay(true); // batches are ours: Nagle would hold one back for a delayed ACK (§10)
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            while (!closed.get()) {
                batch.add(outbound.take()); // waits for the first
                Thread.yield(); // lets whoever else can run now (a broadcast, say) add to this batch first
                outbound.drainTo(batch); // then takes everything else already queued, without waiting
                for (byte[] frame : batch) {
                    if (frame == END) {
                        out.flush();
                        socket.shutdownOutput(); // FIN after the last frame: the client reads it, then EOF
                        return;
                    }
                    out.write(frame);
                }
                out.flush();
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.log(Level.DEBUG, "writing to {0} failed: {1}", label(), e.getMessage());
                close();
            }
        } finally {
            writerDone.countDown();
        }
    }

    /**
     * Sends one last frame, then ends the output (the client reads the frame, then end of stream). Waits
     * a bounded time for the writer to get there.
     *
     * @param lastFrame the last frame, typically an {@code error}
     * @throws InterruptedException if interrupted while waiting
     */
    void finish(byte[] lastFrame) throws InterruptedException {
        if (send(lastFrame) && outbound.offer(END)) {
            writerDone.await(2, TimeUnit.SECONDS);
        }
    }

    /** Closes the socket at once and wakes the writer. Safe to call from any thread, any number of times. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close(); // unblocks a writer stuck in write() and the reader in read()
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing {0}: {1}", label(), e.getMessage());
        }
        outbound.clear();
        outbound.offer(END); // wakes a writer waiting in take()
    }

    boolean isClosed() {
        return closed.get();
    }
}
