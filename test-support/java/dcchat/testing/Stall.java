package dcchat.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells a waiting test that what it waits for can no longer come, so that a wrong program fails in a fraction of a
 * second instead of sitting out the whole reply timeout — and says where the program is stuck.
 *
 * <p>Kit test support: students never edit this file. A test that waits for a reply is the only thing that could
 * still move the program along; if meanwhile every other thread in the JVM is <em>parked</em> — blocked in a socket
 * read, accept or write that has no timeout, waiting on a lock, a queue or a join — and none of them changes (same
 * state, same stack, no CPU used) over several samples, nothing can wake them, and the reply will never be sent.
 * A thread that can wake by itself is never parked: one computing, one in a timed wait ({@code sleep},
 * {@code poll(timeout)}, a socket read with {@code setSoTimeout}), one waiting in a {@code Selector}.
 *
 * <p>Sound on a busy machine: a sample counts only when it follows the previous one promptly, that is when the
 * waiting thread itself got the CPU on time. A server thread woken by the test's bytes but not yet run would have
 * had the same chance to run in those samples, and it would show as a change (CPU time, state or stack). That
 * chance is not a certainty when many JVMs share two cores (a grader's 16 test JVMs): a thread woken from a queue
 * still reads WAITING to Java until it gets a core. So on Linux a quiet sample also asks the kernel
 * ({@link KernelThreads}): while another thread of this JVM is runnable there, the program may still move.
 */
final class Stall {

    /** How often a waiting read looks (its socket read slices). */
    static final int SLICE_MILLIS = 20;
    /** The quiet samples in a row that prove a stall. */
    private static final int QUIET_SAMPLES = 6;
    /** …spanning at least this long. */
    private static final long QUIET_NANOS = 120_000_000L;
    /** Above this many live threads the program is not watched (a 200-client test; a thread bomb). */
    private static final int MAX_THREADS = 300;
    /** A sample taken later than this after the previous one does not count (the machine is busy). */
    private static final long PROMPT_NANOS = 3L * SLICE_MILLIS * 1_000_000L;

    /** Native calls that block until a peer acts, with no timeout of their own (JDK 17 to 25, Linux/macOS/Windows). */
    private static final Set<String> BLOCKING_NATIVES = Set.of("sun.nio.ch.Net.poll", "sun.nio.ch.Net.accept",
            "sun.nio.ch.SocketDispatcher.read0", "sun.nio.ch.SocketDispatcher.write0",
            "sun.nio.ch.SocketDispatcher.readv0", "sun.nio.ch.SocketDispatcher.writev0",
            "sun.nio.ch.FileDispatcherImpl.read0", "sun.nio.ch.ServerSocketChannelImpl.accept0",
            "java.io.FileInputStream.readBytes", "java.io.FileInputStream.read0");
    /** The threads of a real display's toolkit (X11, Windows, macOS): while one lives, a stall is never declared. */
    private static final Set<String> DISPLAY_THREADS = Set.of("AWT-XAWT", "AWT-Windows", "AppKit Thread");
    /** The JDK's own timer-driven threads that never run the program's code (see {@link #jdkTicker}). */
    private static final Set<String> JDK_TICKERS = Set.of("sun.awt.AWTAutoShutdown", "java.io.PipedInputStream");
    /** Frames that mean a blocking socket call has a timeout (setSoTimeout), so it wakes by itself. */
    private static final Set<String> TIMED_FRAMES = Set.of("timedRead", "timedAccept", "timedFinishConnect");

    /**
     * The test tools' own threads: the JVM's, the build tool's and JUnit's, alive before the first test of this JVM
     * ran, and the thread that watches each test ({@link Teaching}). Their timed waits (a flusher's tick, a
     * cleaner's) do not count. A timed wait of any other thread does — a program's scheduled executor or Swing
     * timer, even one started by an earlier test, even where it holds none of the program's frames.
     */
    private static final Set<Thread> TOOLS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile boolean toolsKnown;

    /** Teardowns left running by earlier tests ({@link Background#closeWithin}): parked, whatever they do. */
    private static final Set<Thread> ABANDONED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Notes a thread that an earlier test's teardown left to finish by itself: its bounded waits belong to that
     * test, and would otherwise keep the next tests from ever seeing their program stall.
     */
    static void abandoned(Thread thread) {
        ABANDONED.add(thread);
    }

    /** Called before each test, before its set-up ({@link Teaching}): the first call notes the tools' threads. */
    static void beforeTest() {
        if (!toolsKnown) {
            synchronized (TOOLS) {
                if (!toolsKnown) {
                    TOOLS.addAll(Thread.getAllStackTraces().keySet());
                    toolsKnown = true;
                }
            }
        }
        TOOLS.removeIf(t -> !t.isAlive());
        ABANDONED.removeIf(t -> !t.isAlive());
    }

    /**
     * Marks the calling thread as one of the test tools' (the thread that runs and watches a test body).
     */
    static void isTool() {
        beforeTest();
        TOOLS.add(Thread.currentThread());
    }

    private final Thread waiter = Thread.currentThread();
    private Map<Thread, Sample> previous = Map.of();
    private int quietSamples;
    private long quietSince;
    private long lastAt;

    /** One thread as sampled: compared whole, so any change at all restarts the count. */
    private record Sample(Thread.State state, long cpuNanos, List<StackTraceElement> top) {
    }

    /**
     * Takes one sample of every thread but the waiting one.
     *
     * @return where the program is stuck once the stall is proven, or null while it may still move
     */
    Report sample() {
        long now = System.nanoTime();
        if (Thread.activeCount() > MAX_THREADS) { // sampling them all every 20 ms would cost more than it saves
            quietSamples = 0;
            lastAt = 0;
            return null;
        }
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        Map<Thread, Sample> current = new HashMap<>();
        boolean allParked = true;
        for (Map.Entry<Thread, StackTraceElement[]> e : stacks.entrySet()) {
            Thread thread = e.getKey();
            StackTraceElement[] stack = e.getValue();
            if (thread == waiter || stack.length == 0) {
                continue; // the test itself; JVM-internal threads without Java frames
            }
            Thread.State state = thread.getState();
            allParked &= parked(thread, state, stack);
            // The program's threads can still answer, and so can any thread inside a native call (the EDT loading
            // fonts, say): their CPU time must stand still too. The JVM's and the tools' own timed waits may tick.
            if ((Report.isCodeUnderTest(stack) || state == Thread.State.RUNNABLE) && !ABANDONED.contains(thread)) {
                current.put(thread, new Sample(state, cpuNanos(thread),
                        List.of(Arrays.copyOf(stack, Math.min(stack.length, 12)))));
            }
        }
        boolean prompt = lastAt != 0 && now - lastAt <= PROMPT_NANOS;
        if (allParked && current.equals(previous) && KernelThreads.anotherRunnable()) {
            allParked = false; // a thread woken but not yet given a core still looks parked to Java: not quiet
        }
        if (allParked && current.equals(previous)) {
            if (prompt) {
                quietSamples++;
            }
        } else {
            quietSamples = 0;
            quietSince = now;
        }
        previous = current;
        lastAt = now;
        if (quietSamples >= QUIET_SAMPLES && now - quietSince >= QUIET_NANOS) {
            return Report.of(stacks, waiter);
        }
        return null;
    }

    /**
     * Whether one thread is, right now, parked: a cheap first look before sampling every thread.
     *
     * @param thread the thread
     * @param stack  its stack, just taken
     * @return true if it can only be woken by someone else
     */
    static boolean parked(Thread thread, StackTraceElement[] stack) {
        return stack.length > 0 && parked(thread, thread.getState(), stack);
    }

    /**
     * Whether a thread waits in a socket or stream call for a peer to act (accept, read), with or without
     * a timeout: a server thread there has finished what it was doing and waits for what comes next.
     *
     * @param thread the thread
     * @return true if its top frame is such a call
     */
    static boolean awaitingPeer(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        return stack.length > 0 && thread.getState() == Thread.State.RUNNABLE && blockingNative(stack[0]);
    }

    /** Whether a frame is one of the native calls that block until a peer acts ({@link #BLOCKING_NATIVES}). */
    private static boolean blockingNative(StackTraceElement top) {
        return top.isNativeMethod() && BLOCKING_NATIVES.contains(top.getClassName() + "." + top.getMethodName());
    }

    /** Whether a thread in this state, at this stack, can only be woken by someone else. */
    private static boolean parked(Thread thread, Thread.State state, StackTraceElement[] stack) {
        if (ABANDONED.contains(thread)) {
            return true;
        }
        if (DISPLAY_THREADS.contains(thread.getName())) {
            return false; // input from a display (a Robot's click, a window's first paint) comes from outside the JVM
        }
        switch (state) {
            case WAITING, BLOCKED, NEW, TERMINATED:
                return true;
            case TIMED_WAITING: // the JVM's and the test tools' own timers do not count; the program's do
                return TOOLS.contains(thread) && !Report.isCodeUnderTest(stack) || idlePoolWorker(stack)
                        || jdkTicker(stack);
            default: // RUNNABLE: parked only inside a native call that blocks; the program's, only without a timeout
                if (!stack[0].isNativeMethod()) {
                    return false; // running Java code
                }
                if (thread.getName().startsWith("AWT-EventQueue")) {
                    return false; // an event dispatch thread is RUNNABLE only while it handles an event
                }
                if (!Report.isCodeUnderTest(stack)) {
                    return true; // the JVM's or the tools' own thread in native code (reference handler, stdin)
                }
                if (!blockingNative(stack[0])) {
                    return false;
                }
                for (StackTraceElement frame : stack) {
                    if (TIMED_FRAMES.contains(frame.getMethodName())
                            || frame.getClassName().startsWith("sun.nio.ch.")
                                    && frame.getClassName().endsWith("SelectorImpl")) {
                        return false;
                    }
                }
                return true;
        }
    }

    /**
     * Whether a thread's timed wait is the JDK polling on a timer, where only another thread can bring what it
     * waits for: AWT's shutdown watcher (started with the first window or Swing model, after the tools' threads
     * were noted) looks once a second whether AWT may stop; a {@code PipedInputStream} (a test's keyboard) waits
     * for bytes in one-second slices.
     */
    private static boolean jdkTicker(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (!frame.getClassName().equals("java.lang.Object")) { // Object.wait, and wait0 below it on JDK 21+
                return JDK_TICKERS.contains(frame.getClassName());
            }
        }
        return false;
    }

    /**
     * Whether a thread is an idle worker of a thread pool, waiting for a task: its timeout (a cached pool's 60 s
     * keep-alive) only ends the thread, and a new task wakes it anyway. A scheduled executor's worker waiting for a
     * delayed task is not idle: that wait ends in the task.
     */
    private static boolean idlePoolWorker(StackTraceElement[] stack) {
        boolean inGetTask = false;
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.endsWith("ScheduledThreadPoolExecutor$DelayedWorkQueue")) {
                return false;
            }
            inGetTask |= c.equals("java.util.concurrent.ThreadPoolExecutor") && frame.getMethodName().equals("getTask")
                    || c.equals("java.util.concurrent.ForkJoinPool") && frame.getMethodName().equals("awaitWork");
        }
        return inGetTask && !Report.isCodeUnderTest(stack);
    }

    /** Where a stalled program's own threads wait, in words a student can act on. */
    static final class Report {
        private final List<String> threads = new ArrayList<>();
        private boolean reading;
        private boolean accepting;

        static boolean isCodeUnderTest(StackTraceElement[] stack) {
            return Arrays.stream(stack).anyMatch(f -> isKitCode(f.getClassName()));
        }

        /** The kit's steps (the student's code and the tests' lambdas), not the test tools or the grader. */
        private static boolean isKitCode(String className) {
            return className.startsWith("dcchat.") && !className.startsWith("dcchat.testing.")
                    && !className.startsWith("dcchat.grader.");
        }

        static boolean isStudentCode(String className) {
            String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
            return isKitCode(className) && !outer.endsWith("Test") && !outer.endsWith("Tests");
        }

        static Report of(Map<Thread, StackTraceElement[]> stacks, Thread waiter) {
            Report report = new Report();
            stacks.forEach((thread, stack) -> {
                if (thread == waiter || ABANDONED.contains(thread) || report.threads.size() >= 3) {
                    return;
                }
                StackTraceElement mine = Arrays.stream(stack).filter(f -> isStudentCode(f.getClassName()))
                        .findFirst().orElse(null);
                if (mine != null) {
                    report.threads.add("\"" + thread.getName() + "\" " + report.doing(stack)
                            + Lesson.say(" at ", " en ") + mine.getClassName() + "." + mine.getMethodName() + "("
                            + mine.getFileName() + ":" + mine.getLineNumber() + ")");
                }
            });
            return report;
        }

        private String doing(StackTraceElement[] stack) {
            for (StackTraceElement frame : stack) { // the JDK's frames above the program's own tell what it waits in
                String c = frame.getClassName();
                String m = frame.getMethodName();
                if (!c.startsWith("java.") && !c.startsWith("sun.") && !c.startsWith("jdk.")) {
                    break;
                }
                boolean io = c.startsWith("java.io.") || c.startsWith("java.net.") || c.startsWith("sun.nio.");
                if (io && m.equals("accept")) {
                    accepting = true;
                    return Lesson.say("waits in accept() for a new client", "espera en accept() un cliente nuevo");
                }
                if (io && (m.startsWith("read") || m.equals("implRead") || m.equals("timedRead"))) {
                    reading = true;
                    return Lesson.say("waits to read more from a socket", "espera a que llegue algo más por un socket");
                }
                if (io && (m.startsWith("write") || m.equals("implWrite"))) {
                    return Lesson.say("is blocked writing (its peer is not reading)",
                            "está bloqueado escribiendo (el otro extremo no está leyendo)");
                }
            }
            String top = stack.length > 0 ? stack[0].getMethodName() : "";
            return top.equals("park") || top.equals("wait") || top.equals("wait0")
                    ? Lesson.say("waits (on a lock, queue, join or future) for another thread",
                            "espera a otro thread (en un lock, una cola, un join o un future)")
                    : Lesson.say("is blocked", "está bloqueado");
        }

        /**
         * What the blocked threads most likely mean, for a test that waits for bytes.
         *
         * @param severalClients whether the test has more than one connection open
         * @return e.g. "so what the test waits for was never sent: written but not flushed, or never written"
         */
        String hint(boolean severalClients) {
            if (reading) {
                return Lesson.say("so what the test waits for was never sent: written but not flushed, or never "
                        + "written", "así que lo que el test espera nunca se envió: se escribió sin hacer flush, o "
                        + "nunca se escribió")
                        + (severalClients ? Lesson.say(" (or the thread that should read this connection is busy with "
                                + "another)", " (o el thread que debería leer esta conexión está ocupado con otra)")
                                : "");
            }
            if (accepting) {
                return Lesson.say("it went back to accept() without answering this connection",
                        "volvió a accept() sin responderle a esta conexión");
            }
            return Lesson.say("they wait on each other, or for a hand-off that never comes",
                    "se esperan entre sí, o esperan un traspaso que nunca llega");
        }



        /** @return the program's threads and where each waits, one per line, or a sentence when none is left */
        String where() {
            return threads.isEmpty() ? Lesson.say("no thread of your program is left",
                    "no queda ningún thread de tu programa")
                    : String.join(System.lineSeparator() + INDENT, threads);
        }

        /**
         * @param hint what the blocked threads likely mean, e.g. "so the reply was never written, or not flushed"
         * @return "nothing: every thread of your program is blocked — hint:" and one line per thread
         */
        String sentence(String hint) {
            return Lesson.say("nothing: every thread of your program is blocked",
                    "nada: todos los threads de tu programa están bloqueados") + (hint.isEmpty() ? "" : ", " + hint)
                    + ":" + System.lineSeparator() + indentedWhere();
        }

        /** @return {@link #where()}, each line indented to sit under the text of a failure's "actual:" line */
        String indentedWhere() {
            return INDENT + where();
        }

        /** Lines after the first of a failure's "actual:" line, aligned under its text. */
        private static final String INDENT = "              ";
    }

    /** Whether this JVM measures per-thread CPU time (java.management may be absent from a sandboxed runner). */
    private static final boolean CPU_MEASURED = cpuMeasured();

    private static boolean cpuMeasured() {
        try {
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            return bean.isThreadCpuTimeSupported() && bean.isThreadCpuTimeEnabled();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** A thread's CPU time so far, or 0 where it is not measured (samples then compare state and stack only). */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+, and the kit builds on 17
    static long cpuNanos(Thread thread) {
        return CPU_MEASURED ? ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId()) : 0;
    }
}
