package dcchat.grader;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * <p>Started by {@link Kit} as {@code java … dcchat.grader.StepRunner run|list TEST_CLASSES RESULTS} (the
 * classes on the JVM's class path), and by {@link Grader} as {@code java … StepRunner batch JOBS}: one JVM per
 * submission runs its steps one after the other, each in its own class loader over the shared test libraries,
 * so JUnit, AssertJ and Jackson are loaded and compiled once per submission, not once per step. A JOBS line is
 * {@code RESULTS OUTPUT LIMIT-SECONDS OUTPUT-CAP TEST-CLASSES CLASS-PATH} (tab-separated).
 *
 * <p>It writes one line per event to RESULTS and flushes each line, so a student's {@code System.exit}, an
 * infinite loop or a crash still leaves every finished test's verdict behind. Lines are tab-separated, fields
 * escaped by {@link #esc}:
 * <pre>
 *   BEGIN                                           (batch: the step started)
 *   TEST  uid  class#method  display path  weight      (each test as it starts; list mode: the plan)
 *   START uid
 *   END   uid  PASSED|FAILED|ABORTED|SKIPPED  message
 *   CFAIL uid  message                              (a class or @Nested container failed, e.g. @BeforeAll)
 *   EXIT  uid-of-the-running-test                   (the JVM is shutting down before the tests finished)
 *   LIMIT uid-of-the-running-test                   (batch: the step's time ran out; the JVM halts)
 *   OUTPUT bytes-printed  seconds                   (batch: what the step printed, how long it took)
 *   PORTS  count  addresses                         (batch, Linux: listening sockets the step left open)
 *   DONE  non-daemon-threads-left  their names
 * </pre>
 * In a batch, a step that leaves threads running ends the JVM after its DONE line: the grader runs the
 * remaining steps in a fresh JVM, so one step's leftovers never slow or disturb the next.
 * Student code prints to stdout/stderr (in a batch, to the step's OUTPUT file); this class never does.
 */
public final class StepRunner {

    private static final int MESSAGE_CAP = 4000;

    private final OutputStream out;
    private final Set<String> running = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile boolean done;

    private StepRunner(OutputStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2 && args[0].equals("batch")) {
            batch(Path.of(args[1]));
            return;
        }
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: StepRunner run|list TEST_CLASSES RESULTS | batch JOBS");
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

    private void finish() throws InterruptedException {
        finish(threadsLeft(Set.of()));
    }

    private void finish(List<String> left) {
        done = true;
        line("DONE", Integer.toString(left.size()), String.join(", ", left.subList(0, Math.min(10, left.size()))));
    }

    /**
     * Threads of the JVM, JUnit, AWT and Swing (SwingWorker's shared pool idles for minutes), which end by
     * themselves or are shared: not the student's. A test's own thread ("junit-timeout-thread-N", which a
     * timed-out test leaves running) and Awaitility's are not in the list: they end with their test or await.
     */
    private static final List<String> INFRASTRUCTURE = List.of("junit-jupiter-timeout-watcher", "AWT-", "Java2D", "TimerQueue", "Swing-",
            "SwingWorker-", "Image Fetcher", "ForkJoinPool.commonPool", "Common-Cleaner",
            "process reaper", "Reference Handler", "Finalizer", "Signal Dispatcher", "Notification Thread",
            "Attach Listener", "DestroyJavaVM", "dcchat-grader-");

    /**
     * The threads started since {@code before} that are still alive, by name, sorted — daemon or not: a daemon
     * thread cannot keep the JVM alive, but it can still burn CPU or hold a port. Threads that are about to end
     * get a moment to do so. In a single run ({@code before} empty) only non-daemon threads count.
     */
    static List<String> threadsLeft(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(before.isEmpty() ? 0 : 1000);
        List<Thread> left = new ArrayList<>();
        for (Thread t : allThreads()) {
            if (t.isAlive() && t != Thread.currentThread() && !before.contains(t)
                    && (!before.isEmpty() || !t.isDaemon())
                    && INFRASTRUCTURE.stream().noneMatch(t.getName()::startsWith)) {
                left.add(t);
            }
        }
        List<String> names = new ArrayList<>();
        for (Thread t : left) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                names.add(t.getName());
            }
        }
        Collections.sort(names);
        return names;
    }

    /** Every live thread, without the cost of Thread.getAllStackTraces (which stops the JVM to take stacks). */
    static List<Thread> allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return List.of(java.util.Arrays.copyOf(threads, n));
    }

    private void onShutdown() {
        if (!done) {
            line("EXIT", firstRunning());
        }
    }

    private String firstRunning() {
        synchronized (running) {
            return running.isEmpty() ? "" : running.iterator().next();
        }
    }

    /** The step running now in a batch: the shutdown hook reports a System.exit to its results. */
    private static volatile StepRunner current;

    private static void batch(Path jobFile) {
        int exit = 0;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                StepRunner r = current;
                if (r != null) {
                    r.onShutdown();
                }
            }, "dcchat-grader-exit"));
            // One stream for the JVM's life, pointed at the running step's file: what captured System.err once
            // (java.util.logging's console handler does) still reaches the right step.
            PrintStream shared = new PrintStream(STEP_OUTPUT, true, StandardCharsets.UTF_8);
            for (String job : Files.readAllLines(jobFile, StandardCharsets.UTF_8)) {
                String[] f = job.split("\t", -1);
                System.setOut(shared);
                System.setErr(shared);
                if (!runJob(Path.of(f[0]), Path.of(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Path.of(f[4]), f[5])) {
                    break; // the next steps get a fresh JVM: the grader sees that they never began
                }
            }
        } catch (Throwable e) {
            exit = 4; // the grader scores what the results files hold and runs the rest in a fresh JVM
        } finally {
            Runtime.getRuntime().halt(exit);
        }
    }

    /** Where System.out and System.err go in a batch: the running step's capped file, or nowhere between steps. */
    private static final SwitchedOutput STEP_OUTPUT = new SwitchedOutput();

    private static final class SwitchedOutput extends OutputStream {
        private volatile OutputStream target;

        @Override
        public void write(int b) throws IOException {
            OutputStream t = target;
            if (t != null) {
                t.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            OutputStream t = target;
            if (t != null) {
                t.write(b, off, len);
            }
        }
    }

    /**
     * Runs one step of a batch. Returns whether the next step may run in this JVM: not if this one left threads
     * running or started AWT (a window, a frozen event thread or a Swing timer would carry over). Halts the JVM
     * when the step's time runs out. What a step may change for the whole JVM — system properties, the default
     * locale, time zone and uncaught-exception handler — is put back after it.
     */
    private static boolean runJob(Path results, Path output, long limitSeconds, long cap, Path tests,
                                  String classPath) throws IOException, InterruptedException {
        List<URL> urls = new ArrayList<>();
        for (String p : classPath.split(File.pathSeparator)) {
            urls.add(Path.of(p).toUri().toURL());
        }
        Set<Thread> before = new HashSet<>(allThreads());
        Set<String> portsBefore = listeningSockets();
        java.util.Properties properties = (java.util.Properties) System.getProperties().clone();
        Locale locale = Locale.getDefault();
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
        try (OutputStream resultsOut = new FileOutputStream(results.toFile());
             CappedOutput printed = new CappedOutput(output, cap);
             URLClassLoader loader = new URLClassLoader("dcchat-step", urls.toArray(URL[]::new),
                     StepRunner.class.getClassLoader())) {
            StepRunner runner = new StepRunner(resultsOut);
            current = runner;
            runner.line("BEGIN");
            STEP_OUTPUT.target = printed;
            long t0 = System.nanoTime();
            Thread worker = new Thread(() -> {
                try {
                    // JUnit finds the test classes, and junit-platform.properties, through this thread's loader.
                    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                            .selectors(selectClasspathRoots(Set.of(tests))).build(), runner.listener());
                } catch (Throwable e) {
                    runner.line("CFAIL", "[engine:junit-jupiter]", describe(e));
                }
            }, "dcchat-grader-step");
            worker.setContextClassLoader(loader);
            worker.setDaemon(true);
            worker.start();
            worker.join(TimeUnit.SECONDS.toMillis(limitSeconds));
            if (worker.isAlive()) {
                runner.line("LIMIT", runner.firstRunning());
                current = null;
                Runtime.getRuntime().halt(3);
            }
            System.out.flush();
            System.err.flush();
            STEP_OUTPUT.target = null;
            runner.line("OUTPUT", Long.toString(printed.total()),
                    String.format(Locale.ROOT, "%.3f", (System.nanoTime() - t0) / 1e9));
            Set<String> ports = listeningSockets();
            ports.removeAll(portsBefore);
            if (!ports.isEmpty()) {
                runner.line("PORTS", Integer.toString(ports.size()), String.join(", ", new TreeSet<>(ports)));
            }
            List<String> left = threadsLeft(before);
            runner.finish(left);
            current = null;
            boolean awt = allThreads().stream()
                    .anyMatch(t -> !before.contains(t) && t.getName().startsWith("AWT-EventQueue-"));
            return left.isEmpty() && !awt;
        } finally {
            System.setProperties(properties);
            Locale.setDefault(locale);
            java.util.TimeZone.setDefault(zone);
            Thread.setDefaultUncaughtExceptionHandler(handler);
        }
    }

    /**
     * The TCP sockets this process listens on ("127.0.0.1:41234"), from /proc on Linux; elsewhere none. A
     * socket is this process's when one of its file descriptors is that socket's inode.
     */
    static Set<String> listeningSockets() {
        Set<String> found = new HashSet<>();
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return found;
        }
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> s = Files.list(fds)) {
            s.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile
                }
            });
            for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
                Path t = Path.of(table);
                if (Files.isReadable(t)) {
                    for (String row : Files.readAllLines(t, StandardCharsets.US_ASCII)) {
                        String[] c = row.trim().split("\\s+");
                        if (c.length > 9 && c[3].equals("0A") && inodes.contains(c[9])) { // 0A: LISTEN
                            found.add(address(c[1]));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return found;
        }
        return found;
    }

    /**
     * "0100007F:A0F2" to "127.0.0.1:41202": /proc's address is hex in 32-bit little-endian words (one for IPv4,
     * four for IPv6; an IPv4-mapped IPv6 address prints as IPv4), the port hex.
     */
    static String address(String hex) {
        int colon = hex.indexOf(':');
        int port = Integer.parseInt(hex.substring(colon + 1), 16);
        String ip = hex.substring(0, colon);
        byte[] bytes = new byte[ip.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            long v = Long.parseLong(ip.substring(word * 8, word * 8 + 8), 16);
            for (int i = 0; i < 4; i++) {
                bytes[word * 4 + i] = (byte) (v >> (8 * i));
            }
        }
        try {
            InetAddress a = InetAddress.getByAddress(bytes);
            return (a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + port;
        } catch (java.net.UnknownHostException e) {
            return hex;
        }
    }

    /** Keeps the first cap bytes a step prints, and counts them all. */
    private static final class CappedOutput extends OutputStream {
        private final OutputStream file;
        private final long cap;
        private long total;

        CappedOutput(Path path, long cap) throws IOException {
            this.file = new FileOutputStream(path.toFile());
            this.cap = cap;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            long keep = Math.max(0, Math.min(len, cap - total));
            if (keep > 0) {
                file.write(b, off, (int) keep);
            }
            total += len;
        }

        synchronized long total() {
            return total;
        }

        @Override
        public synchronized void close() throws IOException {
            file.close();
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
