package dcchat.grader;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The grader's side inside a child JVM: runs one step's pristine tests against one student's classes.
 *
 * <p>Started by {@link Grader} as {@code java … dcchat.grader.StepRunner run|list TEST_CLASSES RESULTS}.
 * It writes one line per event to RESULTS and flushes each line, so a student's {@code System.exit}, an
 * infinite loop (the grader kills the JVM) or a crash still leaves every finished test's verdict behind.
 * Lines are tab-separated, fields escaped by {@link #esc}:
 * <pre>
 *   TEST  uid  class#method  display path  weight      (each test as it starts; list mode: the plan)
 *   START uid
 *   END   uid  PASSED|FAILED|ABORTED|SKIPPED  message
 *   CFAIL uid  message                              (a class or @Nested container failed, e.g. @BeforeAll)
 *   EXIT  uid-of-the-running-test                   (the JVM is shutting down before the tests finished)
 *   DONE  non-daemon-threads-left  their names
 * </pre>
 * Student code prints to stdout/stderr; this class never does, so the grader can cap that output freely.
 */
public final class StepRunner {

    private static final int MESSAGE_CAP = 4000;

    private final OutputStream out;
    private final Set<String> running = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile boolean done;

    private StepRunner(OutputStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: StepRunner run|list TEST_CLASSES RESULTS");
        }
        Path tests = Path.of(args[1]);
        StepRunner runner = new StepRunner(new FileOutputStream(args[2]));
        Launcher launcher = LauncherFactory.create();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(tests))).build();
        if (args[0].equals("list")) {
            // Static discovery only: parameterized and dynamic tests appear as containers. The grader takes
            // the canonical list from a "run" on the reference instead, which reports every invocation.
            TestPlan plan = launcher.discover(request);
            runner.list(plan);
            runner.out.close();
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runner::onShutdown, "dcchat-grader-exit"));
        launcher.execute(request, runner.listener());
        runner.finish();
        // Threads the student left running must not keep this JVM alive: halt skips shutdown hooks.
        Runtime.getRuntime().halt(0);
    }

    private void list(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            listUnder(plan, root);
        }
    }

    private void listUnder(TestPlan plan, TestIdentifier node) {
        if (node.isTest()) {
            line("TEST", node.getUniqueId(), key(node), path(plan, node), Double.toString(weight(node)));
        }
        for (TestIdentifier child : plan.getChildren(node)) {
            listUnder(plan, child);
        }
    }

    /** "EchoServerTest$EchoingLines#echoesOneLine": the key weights in grading.properties match. */
    static String key(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource m) {
            String cls = m.getClassName();
            return cls.substring(cls.lastIndexOf('.') + 1) + "#" + m.getMethodName();
        }
        return id.getDisplayName();
    }

    /** "EchoServerTest › Echoing lines › echoes one line back": the display names from the class down. */
    static String path(TestPlan plan, TestIdentifier node) {
        List<String> names = new ArrayList<>();
        for (Optional<TestIdentifier> n = Optional.of(node); n.isPresent(); n = plan.getParent(n.get())) {
            if (n.get().getParentId().isPresent()) {
                names.add(0, n.get().getDisplayName());
            }
        }
        return String.join(" › ", names);
    }

    /** A test may carry any annotation named {@code Weight} or {@code Points} with a numeric value(). */
    static double weight(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isEmpty() || !(source.get() instanceof MethodSource m)) {
            return 1;
        }
        try {
            Method method = m.getJavaMethod();
            for (Annotation a : method.getAnnotations()) {
                String name = a.annotationType().getSimpleName();
                if (name.equals("Weight") || name.equals("Points")) {
                    Object v = a.annotationType().getMethod("value").invoke(a);
                    return ((Number) v).doubleValue();
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return 1;
        }
        return 1;
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
                    line("TEST", id.getUniqueId(), key(id), path(plan, id), Double.toString(weight(id)));
                    line("START", id.getUniqueId());
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) {
                    line("END", id.getUniqueId(), "SKIPPED", reason);
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                String message = result.getThrowable().map(StepRunner::describe).orElse("");
                if (id.isTest()) {
                    running.remove(id.getUniqueId());
                    line("END", id.getUniqueId(), result.getStatus().name(), message);
                } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    line("CFAIL", id.getUniqueId(), message);
                }
            }
        };
    }

    /** The teaching message: an assertion's own text; otherwise the exception type, its message and cause. */
    static String describe(Throwable t) {
        StringBuilder s = new StringBuilder();
        if (t instanceof AssertionError && t.getMessage() != null) {
            s.append(t.getMessage());
        } else {
            s.append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        Throwable cause = t.getCause();
        for (int depth = 0; cause != null && cause != t && depth < 3; depth++, cause = cause.getCause()) {
            s.append("\ncaused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        // Where in the student's code it came from: the first frame outside the JDK and the test libraries.
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.") && !c.startsWith("org.")
                    && !c.startsWith("dcchat.testing.") && !c.endsWith("Test") && !c.contains("Test$")) {
                s.append("\n    at ").append(e);
                break;
            }
        }
        return s.length() > MESSAGE_CAP ? s.substring(0, MESSAGE_CAP) + " …" : s.toString();
    }

    private void finish() {
        List<String> left = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.isDaemon() && t != Thread.currentThread() && !t.getName().equals("DestroyJavaVM")) {
                left.add(t.getName());
            }
        }
        Collections.sort(left);
        done = true;
        line("DONE", Integer.toString(left.size()), String.join(", ", left.subList(0, Math.min(10, left.size()))));
    }

    private void onShutdown() {
        if (!done) {
            synchronized (running) {
                line("EXIT", running.isEmpty() ? "" : running.iterator().next());
            }
        }
    }

    private synchronized void line(String... fields) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                s.append('\t');
            }
            s.append(esc(fields[i]));
        }
        s.append('\n');
        try {
            out.write(s.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // The results file is gone: the grader scores what it finds, nothing else to do from here.
        }
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "");
    }

    static String unesc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
