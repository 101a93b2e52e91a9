package dcchat.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every client of one run shares: who the senders are, the points every client must reach (own join
 * seen, barrier join seen, warm-up lines received, every measured line received), and a capped warning
 * channel to stderr.
 */
final class Roster {

    private static final int MAX_WARNINGS = 20;

    final int senders;
    final int messages;
    final int warmup;
    /** The name of the last client to join; every client that sees it is known to be in the room. */
    final String barrierName;
    /** Counted down once per client when it sees its own {@code join}. */
    final CountDownLatch joined;
    /** Counted down once per client when it sees the barrier's {@code join}. */
    final CountDownLatch ready;
    /** Counted down once per client when it has every warm-up line (already zero without a warm-up). */
    final CountDownLatch warmed;
    /** Counted down once per client when it has received every sender's every measured line. */
    final CountDownLatch complete;
    private final Map<String, Integer> senderIndex;
    private final AtomicInteger warnings = new AtomicInteger();
    private final AtomicInteger disconnected = new AtomicInteger();
    private volatile boolean stopping;

    /**
     * @param clients     N, the receiving clients
     * @param senders     S
     * @param messages    M measured lines per sender
     * @param warmup      unmeasured lines per sender sent before them
     * @param senderNames the S senders' names, in sender order
     * @param barrierName the barrier client's name
     */
    Roster(int clients, int senders, int messages, int warmup, List<String> senderNames, String barrierName) {
        this.senders = senders;
        this.messages = messages;
        this.warmup = warmup;
        this.barrierName = barrierName;
        this.joined = new CountDownLatch(clients);
        this.ready = new CountDownLatch(clients);
        this.warmed = new CountDownLatch(warmup == 0 ? 0 : clients);
        this.complete = new CountDownLatch(clients);
        HashMap<String, Integer> index = new HashMap<>();
        for (int s = 0; s < senderNames.size(); s++) {
            index.put(senderNames.get(s), s);
        }
        this.senderIndex = Map.copyOf(index);
    }

    /** @return the sender number of a name, or -1 if that name is not one of this run's senders */
    int senderOf(String username) {
        Integer s = username == null ? null : senderIndex.get(username);
        return s == null ? -1 : s;
    }

    /** From now on, closed sockets and ended streams are the benchmark's own doing: not worth a warning. */
    void stopping() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    /**
     * A client's connection ended before the run was over (the server closed it, or it failed): it will reach
     * none of the points it has not reached yet, so those latches are counted down for it — waits end as soon
     * as every client has either arrived or dropped out — and the client is counted as disconnected.
     */
    void disconnected() {
        disconnected.incrementAndGet();
    }

    /** @return how many clients' connections ended before the run was over */
    int disconnectedCount() {
        return disconnected.get();
    }

    /** Prints a diagnostic on stderr; after {@value #MAX_WARNINGS} of them, only counts. */
    void warn(String message) {
        int n = warnings.incrementAndGet();
        if (n <= MAX_WARNINGS) {
            System.err.println("bench: " + message);
        } else if (n == MAX_WARNINGS + 1) {
            System.err.println("bench: (further warnings suppressed)");
        }
    }
}
