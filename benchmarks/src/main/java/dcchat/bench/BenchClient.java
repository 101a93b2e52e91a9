package dcchat.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.BitSet;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark client: a socket, and a reader thread of its own that reads every frame the server sends and
 * keeps score — per sender, which sequence numbers arrived, whether in order, and how late.
 *
 * <p>Every chat line's {@code data} is {@code "<sender> <seq> <nanoTime at send>"}; senders and receivers
 * live in this one JVM, so receive {@code nanoTime} − send {@code nanoTime} is a latency on one clock. The
 * score fields are written by the reader thread only and read by others after {@link #awaitReader} (or after
 * {@link Roster#complete} was counted down, which publishes them too).
 */
final class BenchClient implements AutoCloseable {

    /** Reader threads do little but block in read(): a small stack keeps 2,000 of them cheap. */
    private static final long READER_STACK_BYTES = 256 * 1024;
    /**
     * What the reader threads are: {@code "virtual"} on JDK 21 or later, else {@code "platform"}. The load
     * generator's 2,000 readers wake once per segment the server sends; as platform threads on the server's two
     * cores, those wake-ups — not the server — bounded the join phase (BENCHMARKS.md).
     */
    static final String READER_THREADS = Runtime.version().feature() >= 21 ? "virtual" : "platform";
    private static final ThreadFactory VIRTUAL = READER_THREADS.equals("virtual") ? virtualThreads() : null;

    private final String name;
    private final Roster roster;
    private final boolean counted;
    private final Socket socket;
    private final FrameInput in;
    private final OutputStream out;
    private final Thread reader;
    /** A frame holding none of these strings is someone else's join or leave, skipped undecoded. */
    private final byte[][] interesting;
    private volatile boolean closed;

    // Written by the reader thread only.
    private final int[] next;
    private final BitSet seen;
    private final long[] latencyNanos;
    private int delivered;
    private int reordered;
    private int duplicates;
    private int malformed;
    private int errorFrames;
    private int warmupLines;
    private long lastChatNanos;
    private long readsBefore; // reads that reached the socket before the measured lines began
    private long frames; // frames read, over the same span
    private boolean ownJoinSeen;
    private boolean barrierSeen;
    private boolean warmedUp;

    private BenchClient(String name, Roster roster, boolean counted, Socket socket) throws IOException {
        this.name = name;
        this.roster = roster;
        this.counted = counted;
        this.socket = socket;
        this.in = new FrameInput(socket.getInputStream());
        this.out = socket.getOutputStream();
        int lines = counted ? roster.senders * roster.messages : 0;
        this.next = new int[counted ? roster.senders : 0];
        this.seen = new BitSet(lines);
        this.latencyNanos = new long[lines];
        this.interesting = new byte[][] {Wire.quoted(name), Wire.quoted(roster.barrierName), Wire.quoted("chat"),
            Wire.quoted("error")};
        this.reader = VIRTUAL != null ? VIRTUAL.newThread(this::readLoop) // a daemon, as virtual threads are
                : new Thread(null, this::readLoop, "bench-reader-" + name, READER_STACK_BYTES);
        this.reader.setName("bench-reader-" + name);
        if (VIRTUAL == null) {
            this.reader.setDaemon(true);
        }
    }

    /**
     * Connects, sends {@code join}, and starts the reader thread.
     *
     * @param name           a name unique on the server
     * @param roster         the run this client belongs to
     * @param counted        false for the barrier client, which only joins and reads
     * @param address        a loopback address
     * @param port           the server's port
     * @param connectTimeout bound on the TCP connect, in milliseconds (at least 1)
     * @return the joined-and-reading client
     * @throws IOException if the connection or the join frame fails
     */
    static BenchClient join(String name, Roster roster, boolean counted, InetAddress address, int port,
                            int connectTimeout) throws IOException {
        BenchClient client = connect(name, roster, counted, address, port, connectTimeout);
        client.startReading();
        return client;
    }

    /**
     * Connects and sends {@code join}, without starting the reader thread yet: what the server sends waits in
     * the socket until {@link #startReading}.
     *
     * @see #join
     */
    static BenchClient connect(String name, Roster roster, boolean counted, InetAddress address, int port,
                               int connectTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, port), Math.max(1, connectTimeout));
            BenchClient client = new BenchClient(name, roster, counted, socket);
            client.send(Wire.joinFrame(name));
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Starts the reader thread (once). */
    void startReading() {
        reader.start();
    }

    /** @return this client's name */
    String name() {
        return name;
    }

    /**
     * Writes one whole frame in one write (no buffer to flush). Only one thread sends on a client.
     *
     * @param frame a whole frame from {@link Wire}
     * @throws IOException if the connection fails
     */
    void send(byte[] frame) throws IOException {
        out.write(frame);
    }

    private void readLoop() {
        try {
            while (true) {
                if (!in.next()) {
                    if (!expectingEnd()) {
                        roster.warn(name + ": the server closed the connection after " + delivered + " of "
                                + latencyNanos.length + " chat lines");
                        droppedOut();
                    }
                    return;
                }
                long now = System.nanoTime();
                frames++;
                if (!Wire.mayHold(in.buffer(), in.body(), in.length(), interesting)) {
                    continue; // another client's join or leave: nothing to score
                }
                Wire.Message message = Wire.decode(in.buffer(), in.body(), in.length());
                if ("chat".equals(message.type())) {
                    if (counted) {
                        onChat(message, now);
                    }
                } else if ("join".equals(message.type())) {
                    onJoin(message.username());
                } else if ("error".equals(message.type())) {
                    errorFrames++;
                    roster.warn(name + ": the server sent an error frame: " + message.data());
                }
                // leave (and any future type) needs nothing from the benchmark
            }
        } catch (IOException e) {
            if (!expectingEnd()) {
                roster.warn(name + ": reading failed after " + delivered + " chat lines: " + e.getMessage());
                droppedOut();
            }
        }
    }

    /** The connection ended early: this client reaches no further point of the run (see Roster#disconnected). */
    private void droppedOut() {
        if (!counted) {
            return;
        }
        roster.disconnected();
        if (!ownJoinSeen) {
            roster.joined.countDown();
        }
        if (!barrierSeen) {
            roster.ready.countDown();
        }
        if (roster.warmup > 0 && !warmedUp) {
            roster.warmed.countDown();
        }
        if (delivered < latencyNanos.length) {
            roster.complete.countDown();
        }
    }

    /** @return true once the run is over or this client was closed on purpose: an ended stream is expected */
    private boolean expectingEnd() {
        return closed || roster.isStopping();
    }

    private void onJoin(String username) {
        if (!ownJoinSeen && name.equals(username)) {
            ownJoinSeen = true;
            if (counted) {
                roster.joined.countDown();
            }
        } else if (!barrierSeen && roster.barrierName.equals(username)) {
            barrierSeen = true;
            readsBefore = in.reads();
            frames = 0;
            if (counted) {
                roster.ready.countDown();
            }
        }
    }

    private void onChat(Wire.Message message, long now) {
        int s = roster.senderOf(message.username());
        if (s < 0) {
            return; // somebody else's chat on a shared server: not part of this run
        }
        String data = message.data();
        if (data != null && data.startsWith("w")) {
            if (++warmupLines == roster.warmup * roster.senders) {
                warmedUp = true;
                readsBefore = in.reads(); // the diagnostic counts the measured lines only
                frames = 0;
                roster.warmed.countDown();
            }
            return;
        }
        int a = data == null ? -1 : data.indexOf(' ');
        int b = a < 0 ? -1 : data.indexOf(' ', a + 1);
        int q;
        long sentAt;
        try {
            if (b < 0 || Integer.parseInt(data, 0, a, 10) != s) {
                throw new NumberFormatException("not '" + s + " <seq> <nanos>'");
            }
            q = Integer.parseInt(data, a + 1, b, 10);
            sentAt = Long.parseLong(data, b + 1, data.length(), 10);
        } catch (NumberFormatException e) {
            q = -1;
            sentAt = 0;
        }
        if (q < 0 || q >= roster.messages) {
            malformed++;
            roster.warn(name + ": unexpected chat line from " + message.username() + ": " + data);
            return;
        }
        int slot = s * roster.messages + q;
        if (seen.get(slot)) {
            duplicates++;
            return;
        }
        seen.set(slot);
        latencyNanos[slot] = now - sentAt;
        lastChatNanos = now;
        if (q < next[s]) {
            reordered++; // a later line of this sender arrived first
        } else {
            next[s] = q + 1; // q > next leaves a gap: lost unless it arrives later (then counted as reordered)
        }
        if (++delivered == latencyNanos.length) {
            roster.complete.countDown();
        }
    }

    /** {@code Thread.ofVirtual().factory()}, written for a Java 17 compiler. */
    private static ThreadFactory virtualThreads() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JDK " + Runtime.version() + " should have Thread.ofVirtual()", e);
        }
    }

    /** Closes the socket, which also ends the reader thread's blocking read. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            roster.warn(name + ": closing: " + e.getMessage());
        }
    }

    /**
     * Waits for the reader thread to end (after {@link #close}); once it has, the score is safe to read.
     *
     * @param nanos the most to wait
     * @return true if the reader has ended
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitReader(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.timedJoin(reader, nanos);
        }
        return !reader.isAlive();
    }

    int delivered() {
        return delivered;
    }

    int reordered() {
        return reordered;
    }

    int duplicates() {
        return duplicates;
    }

    int malformed() {
        return malformed;
    }

    int errorFrames() {
        return errorFrames;
    }

    long lastChatNanos() {
        return lastChatNanos;
    }

    /** @return reads that reached the socket while the measured lines arrived (a diagnostic of batching) */
    long socketReads() {
        return in.reads() - readsBefore;
    }

    /** @return frames read over the same span as {@link #socketReads()} */
    long frames() {
        return frames;
    }

    /**
     * Copies the latencies of the lines received into {@code into}, from {@code offset}.
     *
     * @return how many were copied (= {@link #delivered()}, or fewer if {@code into} is full)
     */
    int copyLatencies(long[] into, int offset) {
        int n = 0;
        for (int slot = seen.nextSetBit(0); slot >= 0 && offset + n < into.length; slot = seen.nextSetBit(slot + 1)) {
            into[offset + n++] = latencyNanos[slot];
        }
        return n;
    }
}
