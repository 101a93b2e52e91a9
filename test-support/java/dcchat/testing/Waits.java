package dcchat.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Awaitility's {@code await()}, with every setting that can decide a test's result chosen here rather than taken
 * from Awaitility's global defaults, which any code in the JVM can change — a graded submission's included (the
 * grader's hostile-submission suite installed a poll executor that reported every condition as met). The
 * condition is evaluated in the test's own thread, and an exception another thread leaves uncaught fails the
 * wait. Tests use it exactly like Awaitility's: {@code await().atMost(Duration.ofSeconds(2)).until(…)}.
 *
 * <p>A wait for the program to do something also fails at once when the program can no longer do anything
 * ({@link Stall}): every thread blocked, nothing changing. A wait that expects nothing to change ({@code during})
 * uses {@link #awaitSteady()}, which has no such check.
 */
public final class Waits {

    private Waits() {
    }

    /** A fresh wait for the program: polls every 20 ms in this thread, fails on uncaught exceptions and on a stall. */
    public static ConditionFactory await() {
        Stall stall = new Stall();
        return awaitSteady().pollInterval(Duration.ofMillis(Stall.SLICE_MILLIS)).failFast("", () -> {
            Stall.Report stuck = stall.sample();
            if (stuck != null) {
                throw new Stuck(stuck.sentence(stuck.hint(false)));
            }
        });
    }

    /**
     * Why a wait from {@link #await()} gave up early: the program can no longer make its condition true. Awaitility
     * reports it as the cause of a {@code TerminalFailureException}; a caller with its own message adds
     * {@link #where()} to it.
     */
    public static final class Stuck extends AssertionError {
        private static final long serialVersionUID = 1L;
        private final String where;

        Stuck(String where) {
            super(Lesson.say("The condition can no longer come true: your program is stuck.",
                    "La condición ya no puede cumplirse: tu programa está atascado.") + System.lineSeparator()
                    + Lesson.label("actual:", "obtenido:") + where);
            this.where = where;
        }

        /** @return where each of the program's threads waits, and what that likely means */
        public String where() {
            return where;
        }
    }

    /** A fresh wait without the stall check, for a state that must hold while nothing happens ({@code during}). */
    public static ConditionFactory awaitSteady() {
        // Awaitility's default polls every 100 ms after a first 100 ms: a 200 ms during() then took 500 ms.
        return Awaitility.await().pollInSameThread().catchUncaughtExceptions()
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(Stall.SLICE_MILLIS));
    }

    /**
     * Takes the next element that the program under test hands the test (a line a fake server received, a
     * message a client's listener got), waiting at most {@link TestConnection#REPLY_TIMEOUT} — but failing at once,
     * with where the program is stuck, when nothing can arrive any more (see {@link Stall}).
     *
     * @param queue   where the program's output lands
     * @param awaited what the test waits for, in words
     * @param <T>     the element type
     * @return the element, or null if none came in time (the caller's assertion then says what was expected)
     * @throws InterruptedException if the test is interrupted (its time limit passed)
     */
    public static <T> T next(BlockingQueue<T> queue, String awaited) throws InterruptedException {
        Stall stall = new Stall();
        long deadline = System.nanoTime() + TestConnection.REPLY_TIMEOUT.toNanos();
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            T next = queue.poll(Math.min(left, Duration.ofMillis(Stall.SLICE_MILLIS).toNanos()), TimeUnit.NANOSECONDS);
            if (next != null) {
                return next;
            }
            Stall.Report stuck = stall.sample();
            if (stuck != null) {
                throw new AssertionError(Lesson.explain(Lesson.say("Nothing arrived while the test waited for "
                        + awaited + ", and nothing can: your program is stuck.", "No llegó nada mientras el test "
                        + "esperaba " + awaited + ", y ya nada puede llegar: tu programa está atascado."), awaited,
                        Lesson.verbatim(stuck.sentence(stuck.hint(false)))));
            }
        }
        return null;
    }

    /**
     * Waits for what must not come: returns whatever the program under test hands the test within {@code within},
     * but stops early, with null, once the program is quiet — every thread blocked and nothing changing (see
     * {@link Stall}), so nothing can arrive any more. A quiet program costs about 120 ms instead of the whole wait.
     *
     * @param queue  where the program's output lands
     * @param within the longest wait
     * @param <T>    the element type
     * @return the element that arrived (the caller's assertion then says it should not have), or null
     * @throws InterruptedException if the test is interrupted (its time limit passed)
     */
    public static <T> T nothingMore(BlockingQueue<T> queue, Duration within) throws InterruptedException {
        Stall stall = new Stall();
        long deadline = System.nanoTime() + within.toNanos();
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            T next = queue.poll(Math.min(left, Duration.ofMillis(Stall.SLICE_MILLIS).toNanos()), TimeUnit.NANOSECONDS);
            if (next != null || stall.sample() != null) {
                return next;
            }
        }
        return queue.poll();
    }
}
