package dcchat.echo;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/*
 * HOSTILE FIXTURE forge-awaitility — make every Awaitility wait succeed without looking.
 *
 * What the student tries: the kit's tests wait with Awaitility (await().untilAsserted(...)), which keeps its
 * defaults in static fields shared by the whole test JVM and offers a public setter for the executor that
 * evaluates conditions. Ours answers every evaluation "successful" without running it: the condition and the
 * AssertJ assertions inside it never run, so a test whose verdict rests on an await passes. Awaitility is an
 * automatic module (every package open), so its package-private result class is a setAccessible away.
 * This step (the reference without the reset log line, see edits.txt) fails resetIsLogged honestly.
 *
 * Why it must fail: a library's global switch must not turn a failing test into a passing one. (The test calls
 * Hostile.run() once, from the start of EchoServer's constructor: before any test waits on anything.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        try {
            Constructor<?> c = Class.forName("org.awaitility.core.ConditionEvaluationResult")
                    .getDeclaredConstructor(boolean.class);
            c.setAccessible(true);
            Object success = c.newInstance(true);
            Awaitility.pollExecutorService(new AbstractExecutorService() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> Future<T> submit(Callable<T> task) {
                    return CompletableFuture.completedFuture((T) success); // the condition is never evaluated
                }

                @Override
                public void execute(Runnable command) {
                }

                @Override
                public void shutdown() {
                }

                @Override
                public List<Runnable> shutdownNow() {
                    return List.of();
                }

                @Override
                public boolean isShutdown() {
                    return false;
                }

                @Override
                public boolean isTerminated() {
                    return false;
                }

                @Override
                public boolean awaitTermination(long timeout, TimeUnit unit) {
                    return true;
                }
            });
            System.out.println("NEUTERED: every Awaitility condition now succeeds unevaluated");
        } catch (Throwable t) {
            System.out.println("refused: " + t);
        }
    }
}
