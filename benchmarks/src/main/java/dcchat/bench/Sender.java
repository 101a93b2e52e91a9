package dcchat.bench;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * One sender's thread: sends M chat lines through its client, either as fast as the socket takes them
 * (burst) or one every {@code 1/rate} seconds (paced), each stamped with {@code System.nanoTime()} just
 * before it is written. Optional warm-up lines ({@code "w <sender> <seq>"}) go first, in a burst, and are
 * not measured.
 *
 * <p>Paced senders keep to a fixed schedule from a common start, offset from each other by a fraction of
 * the interval so that S senders do not fire in lock-step. A sender that falls behind sends at once (no line
 * is skipped) and the lateness is recorded as {@link #maxLagNanos()}: a large lag means the offered rate was
 * not achieved and the latencies understate the queueing (coordinated omission).
 */
final class Sender implements Runnable {

    private final BenchClient client;
    private final int id;
    private final int messages;
    private final int warmup;
    private final long intervalNanos;
    private final long offsetNanos;
    private final long deadlineNanos;
    private final CountDownLatch warmGo;
    private final CountDownLatch go;
    private final Roster roster;
    private volatile long startNanos;
    private volatile int sent;
    private volatile long maxLagNanos;

    /**
     * @param client        the client to send through
     * @param id            the sender number, 0..S-1
     * @param senders       S, to spread the paced senders' offsets
     * @param messages      M
     * @param warmup        unmeasured lines sent first, in a burst, before waiting for {@code go}
     * @param rate          lines per second, 0 = burst
     * @param deadlineNanos the {@code nanoTime} after which nothing more is sent
     * @param warmGo        released once, when the warm-up lines should go
     * @param go            released once, when every sender should start the measured lines
     * @param roster        for warnings
     */
    Sender(BenchClient client, int id, int senders, int messages, int warmup, double rate, long deadlineNanos,
           CountDownLatch warmGo, CountDownLatch go, Roster roster) {
        this.client = client;
        this.id = id;
        this.messages = messages;
        this.warmup = warmup;
        this.intervalNanos = rate == 0 ? 0 : Math.max(1, Math.round(1e9 / rate));
        this.offsetNanos = intervalNanos * id / senders;
        this.deadlineNanos = deadlineNanos;
        this.warmGo = warmGo;
        this.go = go;
        this.roster = roster;
    }

    /**
     * Sets the common start of the paced schedule; call before releasing {@code go}.
     *
     * @param startNanos a {@code nanoTime}
     */
    void startAt(long startNanos) {
        this.startNanos = startNanos;
    }

    @Override
    public void run() {
        try {
            warmGo.await();
            for (int q = 0; q < warmup && System.nanoTime() < deadlineNanos; q++) {
                client.send(Wire.chatFrame("w " + id + " " + q));
            }
            go.await();
            for (int q = 0; q < messages; q++) {
                if (intervalNanos > 0) {
                    long target = startNanos + offsetNanos + q * intervalNanos;
                    long now;
                    while ((now = System.nanoTime()) < target && now < deadlineNanos) {
                        LockSupport.parkNanos(Math.min(target - now, deadlineNanos - now));
                    }
                    maxLagNanos = Math.max(maxLagNanos, now - target);
                }
                long sentAt = System.nanoTime();
                if (sentAt >= deadlineNanos) {
                    roster.warn("sender " + id + ": the time is up after " + q + " of " + messages + " lines");
                    return;
                }
                client.send(Wire.chatFrame(id + " " + q + " " + sentAt));
                sent = q + 1;
            }
        } catch (IOException e) {
            if (!roster.isStopping()) {
                roster.warn("sender " + id + ": sending failed after " + sent + " lines: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run is over: stop sending
        }
    }

    /** @return lines written so far */
    int sent() {
        return sent;
    }

    /** @return the most a paced line went out after its scheduled time, in nanoseconds (0 in burst) */
    long maxLagNanos() {
        return maxLagNanos;
    }
}
