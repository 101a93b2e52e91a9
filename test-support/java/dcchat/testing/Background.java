package dcchat.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a blocking call, such as a server's {@code serve()}, on a named daemon thread so that a test can
 * go on talking to it, and later check that it returned (and how).
 *
 * <p>Kit test support: students never edit this file. The thread is a daemon so that a server that never
 * returns cannot keep the test JVM alive; the test still fails with a message.
 */
public final class Background implements AutoCloseable {

    /** A blocking call that may throw anything. */
    @FunctionalInterface
    public interface Call {
        /**
         * Runs the call.
         *
         * @throws Exception whatever it throws is kept for {@link #awaitReturn}
         */
        void run() throws Exception;
    }

    private final Thread thread;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final String name;

    private Background(String name, Call call) {
        this.name = name;
        this.thread = new Thread(() -> {
            try {
                call.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
    }

    /**
     * Starts {@code call} on a new daemon thread.
     *
     * @param name the thread's name, e.g. {@code "test-serve"}
     * @param call the blocking call
     * @return the running call
     */
    public static Background start(String name, Call call) {
        Background background = new Background(name, call);
        background.thread.start();
        return background;
    }

    /**
     * Runs a server's blocking {@code serve()} on a daemon thread named {@code "test-serve"} and hands both to the
     * test's owner ({@link Teaching#closedAfterTest}): after the test the server is closed first, then the thread
     * interrupted if it still runs.
     *
     * @param server the student's server, already open
     * @param serve  its serve loop, e.g. {@code server::serve}
     * @return the running {@code serve()}, to check how it returned and to watch from the test's clients
     */
    public static Background serve(AutoCloseable server, Call serve) {
        Background serving = Teaching.closedAfterTest(start("test-serve", serve));
        Teaching.closedAfterTest(server); // newest first: closed before the thread is looked at
        return serving;
    }

    /**
     * How long a test's teardown waits for a server's close() ({@link #closeWithin}): a correct one returns in a
     * few milliseconds (the reference: 0.6 ms median, 5 ms at most, over step 4's tests).
     */
    public static final Duration TEARDOWN = Duration.ofMillis(20);

    /**
     * Closes {@code resource} at the end of a test, waiting for it at most {@code patience}: a teardown, not a
     * check. What close() throws in that time is thrown here; a close() still running then (a program whose
     * threads outlive their clients waits out its own bounded shutdown) goes on by itself on a daemon thread,
     * so each test of such a program does not pay that wait — the tests that check close() time it themselves.
     *
     * @param resource the server (or client) to close
     * @param patience how long the teardown waits for it
     * @throws Exception what close() threw within {@code patience}
     */
    public static void closeWithin(AutoCloseable resource, Duration patience) throws Exception {
        Background closing = start("test-teardown-close", resource::close);
        try {
            closing.done.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillClosing) {
            Stall.abandoned(closing.thread); // it finishes on its own; the next test's stall checks look past it
        } catch (InterruptedException e) {
            Stall.abandoned(closing.thread);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception thrown) {
                throw thrown;
            }
            throw (Error) e.getCause();
        }
    }

    /** @return true while the call has not returned or thrown */
    public boolean isRunning() {
        return !done.isDone();
    }

    /**
     * Whether the call is, right now, inside {@code className.method} — e.g. a {@code serve()} blocked in
     * {@code java.net.ServerSocket.accept}, waiting for its next client. Tests use it to reach a state on
     * purpose instead of by luck (with Awaitility).
     *
     * @param className the fully qualified class, e.g. {@code "java.net.ServerSocket"}
     * @param method    the method name, e.g. {@code "accept"}
     * @return true if that frame is on the call's stack
     */
    public boolean isIn(String className, String method) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(className) && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    /**
     * If the call already failed, rethrows its exception as an AssertionError; otherwise does nothing.
     * Useful right after start: a stub's UnsupportedOperationException surfaces here at once.
     */
    public void rethrowIfFailed() {
        if (done.isCompletedExceptionally()) {
            awaitReturn(Duration.ZERO, Lesson.say("it stopped while the test was still talking to it",
                    "se detuvo mientras el test todavía se comunicaba con él"));
        }
    }

    /**
     * If the call fails within {@code grace}, rethrows its exception as {@link #rethrowIfFailed()} does;
     * otherwise returns. Used when a client sees its connection end: was it because the server died?
     *
     * @param grace how long to give the dying thread to finish
     */
    public void rethrowIfFailedWithin(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            // A server that closed the connection normally is soon back in accept() or a read: stop waiting then,
            // not after the whole grace (every clean close in a suite would pay it).
            while (!done.isDone() && System.nanoTime() < deadline && !Stall.awaitingPeer(thread)) {
                try {
                    done.get(2, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still running: look again
                }
            }
        } catch (ExecutionException e) {
            // failed: rethrowIfFailed says so
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rethrowIfFailed();
    }

    /**
     * Waits until the call returns normally.
     *
     * @param within  how long to wait
     * @param whatFor the sentence to print when it does not return in time, with a README pointer
     */
    public void awaitReturn(Duration within, String whatFor) {
        try {
            done.get(Math.max(1, within.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(whatFor + System.lineSeparator()
                    + Lesson.label("expected:", "esperado:") + Lesson.say(name + " returns within " + within.toMillis()
                    + " ms", name + " retorna antes de " + within.toMillis() + " ms") + System.lineSeparator()
                    + Lesson.label("actual:", "obtenido:") + Lesson.say("still running; it is at ",
                    "todavía está corriendo; está en ") + where(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnsupportedOperationException) {
                throw (UnsupportedOperationException) cause; // a stub: show its own message, unchanged
            }
            throw new AssertionError(Lesson.say("Your code's thread \"" + name + "\" threw ",
                    "El thread \"" + name + "\" de tu código lanzó ") + cause.getClass().getSimpleName()
                    + " — " + whatFor + "." + System.lineSeparator() + Lesson.label("thrown:", "lanzó:") + cause
                    + (Teaching.studentFrames(cause).isEmpty() ? "" : System.lineSeparator()
                            + Teaching.studentFrames(cause)), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(Lesson.say("interrupted while waiting for " + name,
                    "interrumpido mientras esperaba a " + name), e);
        }
    }

    private String where() {
        StackTraceElement[] stack = thread.getStackTrace();
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("dcchat.") && !frame.getClassName().startsWith("dcchat.testing")) {
                return frame.toString();
            }
        }
        return stack.length > 0 ? stack[0].toString() : Lesson.say("(unknown)", "(desconocido)");
    }

    /** Interrupts the thread if it is still running; it is a daemon, so it never blocks the JVM. */
    @Override
    public void close() {
        if (isRunning()) {
            thread.interrupt();
        }
    }
}
