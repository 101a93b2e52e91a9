package dcchat.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A JUnit extension that watches for threads dying of an exception nobody caught — a server's client thread
 * killed by a {@code ConcurrentModificationException}, say — and puts that exception in the test's failure,
 * where it is the real cause, instead of leaving it in the console ten lines above a message like "nothing
 * more arrived". A test that otherwise passed fails too: a server thread that dies of an uncaught exception
 * is a bug even when this run was lucky.
 *
 * <p>Kit test support: students never edit this file. Use it with
 * {@code @ExtendWith(ThreadDeaths.class)} on a test class. The JVM-wide default handler is replaced for the
 * duration of each test and restored after it (the previous handler still runs, so the stack trace is
 * printed as before); tests in a JVM run one at a time.
 */
public final class ThreadDeaths implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ThreadDeaths.class);

    /** One thread that died: its name and what killed it. */
    private record Death(String thread, Throwable error) {
    }

    private static final class Watch {
        final Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        final ConcurrentLinkedQueue<Death> deaths = new ConcurrentLinkedQueue<>();
        volatile boolean reported;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Watch watch = new Watch();
        context.getStore(NS).put(Watch.class, watch);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            watch.deaths.add(new Death(thread.getName(), error));
            if (watch.previous != null) {
                watch.previous.uncaughtException(thread, error);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace();
            }
        });
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Watch watch = context.getStore(NS).get(Watch.class, Watch.class);
        if (watch == null || watch.deaths.isEmpty()) {
            throw failure;
        }
        watch.reported = true;
        AssertionError named = new AssertionError(describe(watch.deaths) + System.lineSeparator()
                + Lesson.say("That is most likely why this test failed:",
                        "Lo más probable es que este test haya fallado por eso:")
                + System.lineSeparator() + failure.getMessage(), failure);
        throw named;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Watch watch = context.getStore(NS).remove(Watch.class, Watch.class);
        if (watch == null) {
            return;
        }
        Thread.setDefaultUncaughtExceptionHandler(watch.previous);
        if (!watch.reported && !watch.deaths.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError(describe(watch.deaths) + System.lineSeparator()
                    + Lesson.say("The test's own checks passed this time, but a thread that dies of an uncaught "
                    + "exception is a bug: the next run may not be as lucky.", "Las comprobaciones del propio test "
                    + "pasaron esta vez, pero un thread que muere por una excepción que nadie atrapó es un bug: la "
                    + "próxima ejecución puede no tener tanta suerte."), watch.deaths.peek().error());
        }
    }

    /** "Thread dcchat-client-3 died of java.util.ConcurrentModificationException at Room.broadcast(Room.java:63)". */
    private static String describe(Iterable<Death> deaths) {
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (Death d : deaths) {
            if (++n > 3) {
                lines.add(Lesson.say("  … and more", "  … y más"));
                break;
            }
            Throwable e = d.error();
            StringBuilder where = new StringBuilder();
            int shown = 0;
            for (StackTraceElement s : e.getStackTrace()) {
                boolean ours = s.getClassName().startsWith("dcchat.") && !s.getClassName().startsWith("dcchat.testing.");
                if (ours && shown < 3) {
                    where.append(System.lineSeparator()).append("      at ").append(s);
                    shown++;
                }
            }
            String message = e.getMessage();
            if (Lesson.spanish() && e instanceof UnsupportedOperationException && message != null
                    && Stubs.spanish(message) != null) {
                message = Stubs.spanish(message); // a stub's message, in Spanish, pointing at the Spanish lesson
            }
            lines.add(Lesson.say("  thread \"" + d.thread() + "\" died of ", "  el thread \"" + d.thread()
                    + "\" murió por ") + e.getClass().getName() + (message == null ? "" : ": " + message) + where);
        }
        return Lesson.say("A thread died of an exception nobody caught (the first is what to fix; its whole stack "
                + "trace is in the test's output):", "Un thread murió por una excepción que nadie atrapó (la primera "
                + "es la que hay que arreglar; su stack trace completo está en la salida del test):")
                + System.lineSeparator() + String.join(System.lineSeparator(), lines);
    }
}
