package dcchat.gui;

import static dcchat.testing.Lesson.say;
import static dcchat.testing.Waits.await;

import dcchat.testing.Lesson;
import dcchat.testing.Waits;
import java.awt.Component;
import java.awt.Container;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.swing.JLabel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Test plumbing for step 5: run code on the event dispatch thread and wait for it, wait for the GUI to
 * reach a state (reading it on the EDT, as Swing requires), and surface an exception the EDT threw —
 * a stub's, say — instead of a silent timeout.
 */
final class Gui {

    /** Exceptions thrown on the EDT since the last {@link #reset()}. */
    /**
     * How long a test's teardown waits for a close that runs on the EDT (a controller's, a window's): the next test
     * times the EDT, so it must start with the EDT idle, not still closing the last test's window.
     */
    static final java.time.Duration EDT_TEARDOWN = java.time.Duration.ofSeconds(5);

    private static final ConcurrentLinkedQueue<Throwable> EDT_ERRORS = new ConcurrentLinkedQueue<>();

    static {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (thread.getName().startsWith("AWT-EventQueue")) {
                EDT_ERRORS.add(error);
            }
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace();
            }
        });
    }

    private Gui() {
    }

    /** Forgets exceptions from earlier tests. */
    static void reset() {
        EDT_ERRORS.clear();
    }

    /**
     * Runs {@code call} on the EDT, waits for it, and returns its result; what it throws is thrown here
     * unchanged (a stub's UnsupportedOperationException stays one).
     */
    static <T> T onEdt(Callable<T> call) throws Exception {
        rethrowEdtError();
        AtomicReference<T> result = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    result.set(call.call());
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            EDT_ERRORS.remove(cause);
            if (cause instanceof IllegalStateException && cause.getCause() instanceof Exception checked) {
                throw checked;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
        return result.get();
    }

    /** Runs {@code action} on the EDT and waits for it. */
    static void onEdt(ThrowingRunnable action) throws Exception {
        onEdt(() -> {
            action.run();
            return null;
        });
    }

    /** A runnable that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * Waits until {@code probe}, read on the EDT, satisfies {@code done}; fails with a teaching message (pointing
     * at the test's section) if it does not within {@code within}.
     *
     * @return the last value read
     */
    static <T> T eventually(Duration within, Callable<T> probe, Predicate<? super T> done, String what,
                            Object expected) throws Exception {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            await().atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
                T value = onEdt(probe);
                last.set(value);
                return done.test(value);
            });
        } catch (ConditionTimeoutException e) {
            rethrowEdtError();
            throw new AssertionError(Lesson.explain(say("After " + within.toMillis() + " ms, " + what + ".",
                    "Al cabo de " + within.toMillis() + " ms, " + what + "."), expected, last.get()));
        } catch (TerminalFailureException e) {
            rethrowEdtError();
            if (!(e.getCause() instanceof Waits.Stuck stuck)) {
                throw e;
            }
            throw new AssertionError(Lesson.explain(say(what + " — and now it cannot: your program is stuck.",
                    what + " — y ya no puede pasar: tu programa está atascado."), expected,
                    Lesson.verbatim(Lesson.show(last.get()) + say(", and ", ", y ") + stuck.where())), stuck);
        }
        return last.get();
    }

    /** If the EDT threw since the last reset, throws that here (a stub's message reaches the report). */
    static void rethrowEdtError() {
        Throwable t = EDT_ERRORS.poll();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(say("the event dispatch thread threw",
                    "el thread de despacho de eventos lanzó una excepción"), t);
        }
    }

    /**
     * Types {@code text} into {@code field} as its key-typed action does, at the caret (EDT only). Headless,
     * no component has the keyboard focus, so key events cannot be delivered; the tests do what the field's
     * key bindings would.
     */
    static void type(JTextField field, String text) {
        field.replaceSelection(text);
    }

    /**
     * Presses Enter in {@code field} (EDT only). In a focused JTextField, Enter runs the look and feel's
     * "notify-field-accept" action, which calls {@link JTextField#postActionEvent()}: every ActionListener
     * of the field hears one ActionEvent. Headless no field has the focus (and that action checks it), so
     * the tests make the same call.
     */
    static void pressEnter(JTextField field) {
        field.postActionEvent();
    }

    /** Every JLabel in {@code c}, itself included. */
    static List<JLabel> labels(Component c) {
        List<JLabel> found = new ArrayList<>();
        if (c instanceof JLabel label) {
            found.add(label);
        }
        if (c instanceof Container container) {
            for (Component child : container.getComponents()) {
                found.addAll(labels(child));
            }
        }
        return found;
    }
}
