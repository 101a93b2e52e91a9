package dcchat.grader.runner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.DataOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The grader's side inside a test JVM: runs steps' pristine tests against a student's classes and reports
 * every event to the supervisor outside (see {@link Event}). The only code in the test JVM that the grade
 * depends on; it is kept out of the student's reach:
 * <ul>
 *   <li>It is a named module ({@code dcchat.grader.runner}) that opens nothing, beside JUnit's and AssertJ's
 *       own named modules; student code lives in the unnamed module of a class loader, so deep reflection
 *       into any of them fails. The JVM has no {@code jdk.unsupported} (no {@code sun.misc.Unsafe}), no
 *       instrumentation, attach or compiler module (the supervisor's {@code --limit-modules}).</li>
 *   <li>Its events go to file descriptor 3 and acknowledgements come from 4 — descriptors student code
 *       cannot name: the sandbox has no {@code /proc}, Java offers no constructor for a descriptor number,
 *       and native code is refused (below). Unsandboxed, they go over one loopback connection instead.</li>
 *   <li>Before any student class loads it fixes the process launcher (its helper is not executable in the
 *       sandbox, so no process can be started), removes the diagnostic-command MBean (it could load an
 *       agent), and refuses to load native libraries other than the JDK's own.</li>
 * </ul>
 * Usage: {@code TestRunner fd|tcp:PORT list TESTS CLASSPATH} (the reference, to plan the tests), or
 * {@code TestRunner fd|tcp:PORT run (LIMIT-SECONDS OUTPUT-CAP TESTS CLASSPATH)…}: the jobs run one after the
 * other, each in a class loader of its own; one that leaves threads running or started AWT ends the JVM
 * after its {@code Done}, and the supervisor runs the rest in a fresh one.
 */
public final class TestRunner {

    private final DataOutputStream events;
    private final InputStream acks;
    private final Set<String> running = Collections.synchronizedSet(new LinkedHashSet<>());
    private final boolean listing;
    private volatile boolean jobOpen;

    private TestRunner(DataOutputStream events, InputStream acks, boolean listing) {
        this.events = events;
        this.acks = acks;
        this.listing = listing;
    }

    public static void main(String[] args) throws Exception {
        int exit = 0;
        try {
            if (args.length < 4 || (args[1].equals("list") ? args.length != 4 : (args.length - 2) % 4 != 0)) {
                throw new IllegalArgumentException("usage: TestRunner fd|tcp:PORT list TESTS CLASSPATH | "
                        + "TestRunner fd|tcp:PORT run (LIMIT CAP TESTS CLASSPATH)…");
            }
            TestRunner runner = connect(args[0], args[1].equals("list"));
            Guard.install();
            runner.runAll(args);
        } catch (Throwable e) {
            exit = 4; // the supervisor scores what it validated and says the JVM crashed
        } finally {
            Runtime.getRuntime().halt(exit); // threads the student left running must not keep this JVM alive
        }
    }

    /** The channel: descriptors 3 and 4 (the sandbox's), or a loopback connection to the supervisor. */
    private static TestRunner connect(String channel, boolean listing) throws IOException, ReflectiveOperationException {
        if (channel.equals("fd")) {
            return new TestRunner(new DataOutputStream(new FileOutputStream(descriptor(3))),
                    new FileInputStream(descriptor(4)), listing);
        }
        if (channel.startsWith("tcp:")) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(channel.substring(4)));
            return new TestRunner(new DataOutputStream(s.getOutputStream()), s.getInputStream(), listing);
        }
        throw new IllegalArgumentException("channel " + channel);
    }

    /** A FileDescriptor for a number: java.io is opened to this module alone, by the supervisor's command. */
    private static FileDescriptor descriptor(int fd) throws ReflectiveOperationException {
        FileDescriptor d = new FileDescriptor();
        Field f = FileDescriptor.class.getDeclaredField("fd");
        f.setAccessible(true);
        f.setInt(d, fd);
        return d;
    }

    private void runAll(String[] args) throws IOException, InterruptedException {
        Runtime.getRuntime().addShutdownHook(new OwnedThread("dcchat-grader-exit", () -> {
            if (jobOpen) {
                send(new Event.Exited(firstRunning()));
            }
        }));
        PrintStream shared = new PrintStream(Capture.STEP_OUTPUT, true, StandardCharsets.UTF_8);
        if (listing) {
            System.setOut(shared);
            System.setErr(shared);
            runJob(0, 600, 65536, Path.of(args[2]), args[3]);
        } else {
            for (int i = 2, job = 0; i < args.length; i += 4, job++) {
                System.setOut(shared);
                System.setErr(shared);
                if (!runJob(job, Long.parseLong(args[i]), Long.parseLong(args[i + 1]), Path.of(args[i + 2]),
                        args[i + 3])) {
                    break; // the next jobs get a fresh JVM: the supervisor sees that they never began
                }
            }
        }
        send(new Event.AllDone());
    }

    private TestExecutionListener listener() {
        return new TestExecutionListener() {
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
            }

            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isTest()) {
                    running.add(id.getUniqueId());
                    if (listing) {
                        send(new Event.Planned(id.getUniqueId(), Names.key(id), Names.path(plan, id), Names.weight(id)));
                    }
                    send(new Event.Started(id.getUniqueId()));
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) {
                    if (listing) {
                        send(new Event.Planned(id.getUniqueId(), Names.key(id), Names.path(plan, id), Names.weight(id)));
                    }
                    send(new Event.Finished(id.getUniqueId(), Event.Verdict.SKIPPED, reason));
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                String message = result.getThrowable().map(Names::describe).orElse("");
                if (id.isTest()) {
                    running.remove(id.getUniqueId());
                    send(new Event.Finished(id.getUniqueId(), Event.Verdict.valueOf(result.getStatus().name()),
                            message));
                } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    send(new Event.ContainerFailed(id.getUniqueId(), message));
                }
            }
        };
    }

    private String firstRunning() {
        synchronized (running) {
            return running.isEmpty() ? "" : running.iterator().next();
        }
    }

    /**
     * Runs one job. Returns whether the next job may run in this JVM: not if this one left threads running or
     * started AWT (a window, a frozen event thread or a Swing timer would carry over). Halts the JVM when the
     * job's time runs out. What a job may change for the whole JVM — system properties, the default locale,
     * time zone and uncaught-exception handler — is put back after it.
     */
    private boolean runJob(int job, long limitSeconds, long cap, Path tests, String classPath)
            throws IOException, InterruptedException {
        List<URL> urls = new ArrayList<>();
        for (String p : classPath.split(File.pathSeparator)) {
            urls.add(Path.of(p).toUri().toURL());
        }
        Set<Thread> before = new HashSet<>(Census.allThreads());
        java.util.Properties properties = (java.util.Properties) System.getProperties().clone();
        Locale locale = Locale.getDefault();
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
        Capture.CappedOutput printed = new Capture.CappedOutput(cap);
        try (URLClassLoader loader = new URLClassLoader("dcchat-step", urls.toArray(URL[]::new),
                TestRunner.class.getClassLoader())) {
            send(new Event.Begin(job));
            jobOpen = true;
            Capture.STEP_OUTPUT.target = printed;
            long t0 = System.nanoTime();
            Thread worker = new OwnedThread("dcchat-grader-step", () -> {
                try {
                    // JUnit finds the test classes, and junit-platform.properties, through this thread's loader.
                    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                            .selectors(selectClasspathRoots(Set.of(tests))).build(), listener());
                } catch (Throwable e) {
                    send(new Event.ContainerFailed("[engine:junit-jupiter]", Names.describe(e)));
                }
            });
            worker.setContextClassLoader(loader);
            worker.setDaemon(true);
            worker.start();
            worker.join(TimeUnit.SECONDS.toMillis(limitSeconds));
            if (worker.isAlive()) {
                jobOpen = false;
                send(new Event.LimitReached(firstRunning()));
                Runtime.getRuntime().halt(3);
            }
            System.out.flush();
            System.err.flush();
            Capture.STEP_OUTPUT.target = null;
            send(new Event.Printed(printed.total(), (System.nanoTime() - t0) / 1e9, printed.kept()));
            send(new Event.StepEnded(job));
            awaitAck();
            List<String> left = Census.threadsLeft(before);
            jobOpen = false;
            send(new Event.Done(job, left.subList(0, Math.min(10, left.size()))));
            boolean awt = Census.allThreads().stream()
                    .anyMatch(t -> !before.contains(t) && t.getName().startsWith("AWT-EventQueue-"));
            return left.isEmpty() && !awt;
        } finally {
            System.setProperties(properties);
            Locale.setDefault(locale);
            java.util.TimeZone.setDefault(zone);
            Thread.setDefaultUncaughtExceptionHandler(handler);
            resetAwaitility();
        }
    }

    /**
     * Awaitility's defaults are global and public (a poll executor, timeouts, listeners): what one job set must
     * not reach the next. The kit's tests do not depend on them ({@code dcchat.testing.Waits}).
     */
    private static void resetAwaitility() {
        try {
            Class.forName("org.awaitility.Awaitility").getMethod("reset").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            // no Awaitility in this JVM: nothing to reset
        }
    }

    /** The supervisor looks at this JVM's sockets after StepEnded, then sends one byte; 5 s at most. */
    private void awaitAck() throws InterruptedException {
        Thread reader = new OwnedThread("dcchat-grader-ack", () -> {
            try {
                acks.read();
            } catch (IOException e) {
                // the supervisor is gone: nothing to wait for
            }
        });
        reader.setDaemon(true);
        reader.start();
        reader.join(5000);
    }

    private synchronized void send(Event e) {
        try {
            Event.write(e, events);
        } catch (IOException x) {
            // The supervisor is gone: it scores what it received, nothing else to do from here.
        }
    }
}
