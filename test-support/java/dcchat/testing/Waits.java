package dcchat.testing;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Awaitility's {@code await()}, with every setting that can decide a test's result chosen here rather than taken
 * from Awaitility's global defaults, which any code in the JVM can change — a graded submission's included (the
 * grader's hostile-submission suite installed a poll executor that reported every condition as met). The
 * condition is evaluated in the test's own thread, and an exception another thread leaves uncaught fails the
 * wait. Tests use it exactly like Awaitility's: {@code await().atMost(Duration.ofSeconds(2)).until(…)}.
 */
public final class Waits {

    private Waits() {
    }

    /** A fresh wait: poll in this thread, fail on uncaught exceptions; timing is the caller's to set. */
    public static ConditionFactory await() {
        return Awaitility.await().pollInSameThread().catchUncaughtExceptions();
    }
}
