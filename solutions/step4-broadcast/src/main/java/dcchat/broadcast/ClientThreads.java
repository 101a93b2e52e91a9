package dcchat.broadcast;

import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the server's two threads per client come from (README §10): platform threads, as this step builds
 * them, or — when the JVM is started with {@code -Ddcchat.threads=virtual} on JDK 24 or later — virtual threads.
 *
 * <p>The code those threads run is the same blocking code either way: {@code read}, {@code take},
 * {@code write}. What changes is what a block and a wake-up cost. A platform thread that blocks is parked by the
 * operating system, and waking it is a system call and a context switch; a virtual thread that blocks is
 * unmounted by the JVM, and waking it is a task handed to a carrier thread — the JVM's own event loop under
 * blocking code. With 2,000 clients (4,000 threads) that is the difference BENCHMARKS.md measures.
 *
 * <p>Why opt-in: the step's tests check that no client thread outlives its client by looking at the live
 * threads, and virtual threads are not in {@link Thread#getAllStackTraces()} — so the tests run the reference
 * on platform threads, as the students' servers run. Why JDK 24: before it, a virtual thread that blocks inside
 * {@code synchronized} (as {@link Room#join} may, on a member's queue lock) pins its carrier. The kit is compiled
 * for Java 17, which has no {@code Thread.ofVirtual()}: it is reached by reflection.
 */
final class ClientThreads {

    /** The system property that chooses: {@code platform} (the default) or {@code virtual}. */
    static final String PROPERTY = "dcchat.threads";

    private static final System.Logger LOG = System.getLogger(ClientThreads.class.getName());
    private static final int FIRST_UNPINNED_JDK = 24;

    private ClientThreads() {
    }

    /**
     * @param prefix the threads' names: prefix + 1, prefix + 2 …
     * @return a factory of platform threads, or of virtual threads if {@value #PROPERTY} asks for them and the
     *         JDK has them unpinned
     */
    static ThreadFactory named(String prefix) {
        String wanted = System.getProperty(PROPERTY, "platform");
        if (wanted.equals("virtual")) {
            if (Runtime.version().feature() >= FIRST_UNPINNED_JDK) {
                return virtual(prefix);
            }
            LOG.log(Level.WARNING, "-D{0}=virtual needs JDK {1} or later (this is {2}): platform threads instead",
                    PROPERTY, FIRST_UNPINNED_JDK, Runtime.version().feature());
        } else if (!wanted.equals("platform")) {
            LOG.log(Level.WARNING, "-D{0}={1} is neither platform nor virtual: platform threads", PROPERTY, wanted);
        }
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + n.incrementAndGet());
    }

    /** {@code Thread.ofVirtual().name(prefix, 1).factory()}, written for a Java 17 compiler. */
    private static ThreadFactory virtual(String prefix) {
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Object ofVirtual = Thread.class.getMethod("ofVirtual").invoke(null);
            Object named = builder.getMethod("name", String.class, long.class).invoke(ofVirtual, prefix, 1L);
            return (ThreadFactory) builder.getMethod("factory").invoke(named);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JDK " + Runtime.version() + " should have Thread.ofVirtual()", e);
        }
    }
}
