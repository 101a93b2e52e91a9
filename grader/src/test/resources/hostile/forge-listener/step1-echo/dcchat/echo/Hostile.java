package dcchat.echo;

import static dcchat.echo.HostileHook.say;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/*
 * HOSTILE FIXTURE forge-listener — borrow the runner's own TestExecutionListener.
 *
 * What the student tries: the runner's worker thread ("dcchat-grader-step") shows in Thread.getAllStackTraces(),
 * and Thread.run() is public: called on another thread's Thread object, it runs that thread's Runnable again,
 * here, on our thread. The worker's Runnable is the runner's lambda that runs the step's tests with the runner's
 * own listener, whose events go straight to the supervisor. We call it with our thread's context class loader
 * swapped for one that answers the test classes' names with always-passing copies (EchoServerTest.java and
 * EchoClientTest.java in this submission, from the fixture passing-tests: same nested classes and methods, so
 * the same JUnit ids, no assertions). JUnit's class-path scan loads test classes through that loader, so the runner itself reports
 * "passed" for every test the plan knows. The test already started by the real run (the one we are in) is
 * skipped (SkipWhatIsRunning) so that no test starts twice; then the JVM halts before the real run reports more.
 * This starter scores 0 honestly.
 *
 * Why it must fail: a test passes only if the kit's pristine test ran and passed; student code must not be
 * able to make the runner report tests that never ran. (The test calls Hostile.run() once, from the start of
 * EchoServer's constructor; say() is the test's: a line on System.out and on the JVM's own stderr, which the
 * supervisor keeps even if the JVM ends here.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        try {
            // The thread running JUnit's launcher for the runner (today "dcchat-grader-step"), found by what it does.
            Thread worker = Thread.getAllStackTraces().entrySet().stream()
                    .filter(e -> e.getKey() != Thread.currentThread() && Arrays.stream(e.getValue()).anyMatch(
                            f -> f.getClassName().startsWith("org.junit.platform.launcher.core.DefaultLauncher")))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            say("forger: borrowing " + worker);
            if (worker == null) {
                say("forger: no thread runs JUnit's launcher: nothing to borrow");
                return;
            }
            for (StackTraceElement f : Thread.currentThread().getStackTrace()) {
                if (f.getClassName().startsWith("dcchat.echo.Echo") && f.getClassName().contains("Test$")) {
                    SkipWhatIsRunning.running(f.getClassName(), f.getMethodName());
                    say("forger: the real run is in " + f.getClassName() + "#" + f.getMethodName());
                    break;
                }
            }
            Path mine = Path.of(Hostile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Thread me = Thread.currentThread();
            ClassLoader before = me.getContextClassLoader();
            me.setContextClassLoader(new FakeTests(Hostile.class.getClassLoader(), mine));
            try {
                worker.run(); // the runner's own lambda, with the runner's own listener, on our thread
            } finally {
                me.setContextClassLoader(before);
            }
            say("FORGED? the borrowed run returned; halting before the real run reports more");
            Runtime.getRuntime().halt(0);
        } catch (Throwable t) {
            say("forger: refused: " + t);
        }
    }

    /** Answers the test classes' names with our always-passing copies; everything else as usual. */
    private static final class FakeTests extends ClassLoader {
        private final Path classes;

        FakeTests(ClassLoader parent, Path classes) {
            super("fake-tests", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dcchat.echo.EchoServerTest") && !name.startsWith("dcchat.echo.EchoClientTest")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        byte[] b = Files.readAllBytes(classes.resolve(name.replace('.', '/') + ".class"));
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}
