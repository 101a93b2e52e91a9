package dcchat.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Makes every failure of a step's tests teach, whatever caused it: each test class says
 * {@code @ExtendWith(Teaching.class)}, and a failure that does not already name a README section gets one.
 *
 * <p>Kit test support: students never edit this file. What it rewrites:
 * <ul>
 *   <li>an exception thrown by the student's code (a {@code FramingException}, a {@code NullPointerException}…):
 *       the failure says which test was checking what, shows the student's own frames (file:line) without JUnit's
 *       and reflection's, and names the section of the test's {@code @Nested} class;</li>
 *   <li>an assertion whose message names no section (AssertJ's bare "Expecting code to raise a throwable." when the
 *       code threw nothing): the same, with the assertion's own text;</li>
 *   <li>the test's time limit: where each thread of the program was when the limit passed.</li>
 * </ul>
 * It also runs each test body on a thread of its own and watches it: when the test is blocked inside the student's
 * code (a client's {@code send()} waiting for a reply it never flushed a request for, say) and every other thread is
 * blocked too ({@link Stall}), the test fails at once with where each thread waits, instead of at its time limit.
 * A stub's {@code UnsupportedOperationException} already names its section and passes through unchanged, as do
 * failures that already cite a README.
 *
 * <p>Each section is named once, on its {@code @Nested} class ({@code @DisplayName("§2 Joining")}): before each test
 * this extension makes it {@link Lesson#section()}, which the kit's clients and messages point at. And it owns what
 * a test opens, the way OkHttp's MockWebServer closes itself: the kit's clients and fake servers
 * ({@link TestConnection}, {@link TestServer}) and whatever the test hands to {@link #closedAfterTest} (the
 * student's servers and clients) are closed after the test, newest first, each within {@link Background#TEARDOWN}.
 */
public final class Teaching implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler, InvocationInterceptor {

    /** Where each step's lesson is, by the package of its code and tests. */
    private static final Map<String, String> STEPS = Map.of("dcchat.echo", "step1-echo", "dcchat.framing",
            "step2-framing", "dcchat.threads", "step3-threads", "dcchat.broadcast", "step4-broadcast", "dcchat.gui",
            "step5-gui");

    /** What the test running now opened, oldest first, with how long its close() is waited for ({@link #afterEach}). */
    private static final List<Opened> OPENED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A resource the test opened, and how long the teardown waits for its close(). */
    private record Opened(AutoCloseable resource, java.time.Duration patience) {
    }

    /**
     * Hands {@code resource} to the test's owner: it is closed after the test (after the test's own
     * {@code @AfterEach} methods), newest first, within {@link Background#TEARDOWN} each — a teardown, not a check
     * ({@link Background#closeWithin}). The kit's own clients and fake servers register themselves.
     *
     * @param resource a server or client the test opened
     * @param <T>      its type
     * @return {@code resource}, to assign: {@code ChatServer server = closedAfterTest(new ChatServer(0));}
     */
    public static <T extends AutoCloseable> T closedAfterTest(T resource) {
        return closedAfterTest(resource, Background.TEARDOWN);
    }

    /**
     * As {@link #closedAfterTest(AutoCloseable)}, waiting up to {@code patience} for the close: for a close the next
     * test must not overlap, such as one that runs on Swing's event dispatch thread (the next test's timings of
     * that thread would count it).
     *
     * @param resource a server, client or window the test opened
     * @param patience how long the teardown waits for its close()
     * @param <T>      its type
     * @return {@code resource}
     */
    public static <T extends AutoCloseable> T closedAfterTest(T resource, java.time.Duration patience) {
        OPENED.add(new Opened(resource, patience));
        return resource;
    }

    /**
     * Before the test's own set-up: its section becomes {@link Lesson#section()}; the first test notes which threads
     * are the test tools' ({@link Stall}).
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        Lesson.enter(section(context.getRequiredTestClass()));
        Stall.beforeTest();
    }

    /**
     * Closes what the test opened, newest first (clients before the server they talk to), every one even when an
     * earlier close() threw; then throws the first such exception.
     */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<Opened> opened = new ArrayList<>(OPENED);
        OPENED.clear();
        java.util.Collections.reverse(opened);
        Exception first = null;
        try {
            for (Opened o : opened) {
                try {
                    if (o.resource() instanceof TestConnection) {
                        o.resource().close(); // the kit's own clients only close a socket: no thread to wait on
                    } else {
                        Background.closeWithin(o.resource(), o.patience());
                    }
                } catch (Exception e) {
                    first = first == null ? e : first;
                }
            }
        } finally {
            Lesson.enter(null);
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        watched(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        watched(invocation, context);
    }

    /** Runs the test body on its own thread; fails it at once if it gets stuck in the program with everything else. */
    private static void watched(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Stall.isTool();
        Throwable[] failed = new Throwable[1];
        Thread body = new Thread(() -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failed[0] = t;
            }
        }, "test");
        // Not set daemon: a thread inherits daemon status from the one that creates it, and the student's threads
        // must be created as they would be from JUnit's own thread (a test checks that a thread is a daemon).
        body.start();
        Stall stall = new Stall();
        long stopWatching = System.nanoTime() + WATCH_NANOS;
        long bodyCpu = -1;
        while (body.isAlive()) {
            try {
                body.join(Stall.SLICE_MILLIS);
            } catch (InterruptedException e) { // JUnit gave up on this test (its time limit): so does the body
                body.interrupt();
                throw e;
            }
            if (System.nanoTime() > stopWatching) {
                body.join(); // longer than any test's limit: JUnit has failed it already; just stop sampling
                break;
            }
            long cpu = Stall.cpuNanos(body); // a body using CPU is running: no stack taken (it costs native memory)
            boolean running = cpu != bodyCpu;
            bodyCpu = cpu;
            Stall.Report stuck = body.isAlive() && !running && stuckInProgram(body) ? stall.sample() : null;
            if (stuck != null) {
                body.interrupt();     // a queue, lock or sleep the program waits in
                TestServer.hangUpAll(); // a fake server the program waits on: its read ends
                body.join(1_000);
                String test = "\"" + context.getDisplayName() + "\"";
                AssertionError error = new AssertionError(Lesson.say("The test " + test + " is stuck inside your code,"
                        + " and so is every other thread: nothing can wake them.", "El test " + test + " está atascado"
                        + " dentro de tu código, y también todos los demás threads: nada puede despertarlos.")
                        + System.lineSeparator() + Lesson.label("actual:", "obtenido:") + stuck.sentence(stuck.hint(false))
                        + System.lineSeparator() + Lesson.label("read:", "lee:") + section(context.getRequiredTestClass()),
                        failed[0]);
                throw error;
            }
        }
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /** How long a test body is watched for a stall: past every test's time limit, sampling would be wasted. */
    private static final long WATCH_NANOS = 120_000_000_000L;

    /** Whether the test body is, right now, parked inside the student's code (not in the test's own waits). */
    private static boolean stuckInProgram(Thread body) {
        StackTraceElement[] stack = body.getStackTrace();
        if (!Stall.parked(body, stack)) {
            return false; // running: no need to look at every other thread
        }
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.startsWith("dcchat.testing.") || c.startsWith("org.awaitility.")) {
                return false; // the test's own waits have their own stall checks and time limits
            }
            if (Stall.Report.isStudentCode(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        Throwable cause = thrown instanceof InvocationTargetException && thrown.getCause() != null
                ? thrown.getCause() : thrown;
        if (cause.getClass().getName().equals("org.awaitility.core.TerminalFailureException")
                && cause.getCause() instanceof AssertionError) {
            cause = cause.getCause(); // a wait's stall check (Waits.await) said why it gave up
        }
        String section = section(context.getRequiredTestClass());
        String message = String.valueOf(cause.getMessage());
        throwIfSpanishStub(cause);
        if (Lesson.spanish() && cause instanceof AssertionError && !Stubs.spanishWithin(message).equals(message)) {
            AssertionError spanish = new AssertionError(Stubs.spanishWithin(message), cause.getCause());
            spanish.setStackTrace(cause.getStackTrace());
            cause = spanish; // an assertion that shows a stub's exception: the stub's message in Spanish too
            thrown = spanish;
            message = spanish.getMessage();
        }
        if (section == null || message.contains("README.md §") || message.contains("README.es.md §")
                || message.contains("README §")) {
            throw thrown; // it teaches already (a stub, a Lesson message, an assertion that cites its section)
        }
        String test = "\"" + context.getDisplayName() + "\"";
        if (cause instanceof TimeoutException) {
            throw teaching(Lesson.say("The test " + test + " ran out of time: " + message + ".",
                            "Al test " + test + " se le acabó el tiempo: " + message + "."),
                    Lesson.say("where your program's threads were when the time was up:",
                            "dónde estaban los threads de tu programa cuando se acabó el tiempo:") + System.lineSeparator()
                            + Stall.Report.of(Thread.getAllStackTraces(), Thread.currentThread()).indentedWhere(),
                    section, cause);
        }
        if (cause instanceof AssertionError) {
            throw teaching(Lesson.say("The test " + test + " failed:", "El test " + test + " falló:")
                    + System.lineSeparator() + indent(message.strip()), null, section, cause);
        }
        String frames = studentFrames(cause);
        if (frames.isEmpty()) { // thrown in the test's own calls: the program's state caused it
            throw teaching(Lesson.say("The test " + test + " got ", "El test " + test + " recibió ")
                    + cause.getClass().getSimpleName() + seenAs(cause), cause.toString(), section, cause);
        }
        throw teaching(Lesson.say("Your code threw " + cause.getClass().getSimpleName() + " while the test " + test
                        + " ran.", "Tu código lanzó " + cause.getClass().getSimpleName() + " mientras corría el test "
                        + test + "."), cause + System.lineSeparator() + frames, section, cause);
    }

    /**
     * A stub reached from a test's set-up (a step's earlier class, started by {@code @BeforeEach}) speaks the
     * student's language too.
     */
    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throwIfSpanishStub(thrown instanceof InvocationTargetException && thrown.getCause() != null
                ? thrown.getCause() : thrown);
        throw thrown;
    }

    /** A stub's message, in Spanish and pointing at the Spanish lesson, when the student asked for Spanish. */
    private static void throwIfSpanishStub(Throwable cause) {
        String spanish = Lesson.spanish() && cause instanceof UnsupportedOperationException
                ? Stubs.spanish(String.valueOf(cause.getMessage())) : null;
        if (spanish != null) {
            UnsupportedOperationException stub = new UnsupportedOperationException(spanish);
            stub.setStackTrace(cause.getStackTrace());
            throw stub;
        }
    }

    /** What an exception in the test's own socket calls says about the program. */
    private static String seenAs(Throwable cause) {
        String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (cause instanceof java.net.ConnectException) {
            return Lesson.say(": nothing listens on the server's port any more — did the server stop, or close its "
                    + "ServerSocket, after one client's failure?", ": ya nada escucha en el puerto del servidor: ¿se "
                    + "detuvo el servidor, o cerró su ServerSocket, después de la falla de un cliente?");
        }
        if (message.contains("reset") || message.contains("broken pipe") || message.contains("aborted")) {
            return Lesson.say(": the program closed this connection (abruptly) while the test was still using it.",
                    ": el programa cerró esta conexión (de golpe) mientras el test todavía la usaba.");
        }
        return ".";
    }

    private static AssertionError teaching(String what, String detail, String section, Throwable cause) {
        String text = what + (detail == null ? "" : System.lineSeparator() + Lesson.label("thrown:", "lanzó:") + detail)
                + System.lineSeparator() + Lesson.label("read:", "lee:") + section;
        AssertionError error = new AssertionError(text, cause);
        error.setStackTrace(cause.getStackTrace());
        return error;
    }

    /**
     * "step1-echo/README.md §4 Echoing lines", from the nearest enclosing class whose display name is a section; in
     * Spanish ({@link Lesson#spanish()}) the same section of the Spanish lesson, "step1-echo/README.es.md §4 Hacer eco
     * de líneas (Echoing lines)".
     */
    static String section(Class<?> testClass) {
        String step = STEPS.get(testClass.getPackageName());
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            DisplayName name = c.getAnnotation(DisplayName.class);
            if (step != null && name != null && name.value().startsWith("§")) {
                return Lesson.spanish() ? step + "/README.es.md " + spanishHeading(step, name.value())
                        : step + "/README.md " + name.value();
            }
        }
        return step == null ? null : step + (Lesson.spanish() ? "/README.es.md" : "/README.md");
    }

    /** The Spanish lessons' "## §N …" headings, by step, read once. */
    private static final Map<String, List<String>> SPANISH_HEADINGS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The heading of the Spanish lesson's section with the same §number: "§4 Hacer eco de líneas (Echoing lines)".
     * The lesson is looked for where a step's tests run (its folder) and from the kit's root; if it is not found,
     * the English title is kept (the Spanish heading shows it too, so a search still finds the section).
     */
    static String spanishHeading(String step, String englishSection) {
        String number = englishSection.split(" ", 2)[0];
        for (String heading : SPANISH_HEADINGS.computeIfAbsent(step, Teaching::readSpanishHeadings)) {
            if (heading.startsWith(number + " ")) {
                return heading;
            }
        }
        return englishSection;
    }

    private static List<String> readSpanishHeadings(String step) {
        for (java.nio.file.Path lesson : List.of(java.nio.file.Path.of("README.es.md"),
                java.nio.file.Path.of(step, "README.es.md"), java.nio.file.Path.of("..", step, "README.es.md"))) {
            try {
                if (java.nio.file.Files.isRegularFile(lesson) && lesson.toAbsolutePath().normalize().getParent()
                        .endsWith(step)) {
                    return java.nio.file.Files.readAllLines(lesson, java.nio.charset.StandardCharsets.UTF_8).stream()
                            .filter(l -> l.startsWith("## §")).map(l -> l.substring(3).strip()).toList();
                }
            } catch (java.io.IOException | RuntimeException e) {
                // unreadable where it was looked for: try the next place, else keep the English title
            }
        }
        return List.of();
    }

    /**
     * The student's own frames of an exception (and of its causes), one per line, without the tools' frames.
     *
     * @param thrown the exception
     * @return the frames, indented to sit under a failure's "thrown:" line, or "" when none is the student's
     */
    static String studentFrames(Throwable thrown) {
        List<String> lines = new ArrayList<>();
        for (Throwable t = thrown; t != null && lines.size() < 6; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                if (Stall.Report.isStudentCode(f.getClassName()) && lines.size() < 6) {
                    lines.add("at " + f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                            + f.getLineNumber() + ")");
                }
            }
        }
        return lines.stream().map(l -> "            " + l).collect(Collectors.joining(System.lineSeparator()));
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).collect(Collectors.joining(System.lineSeparator()));
    }
}
