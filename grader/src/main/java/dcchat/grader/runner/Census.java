package dcchat.grader.runner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The threads a job leaves running: what the feedback names after "does close() stop every thread…?". */
final class Census {

    private Census() {
    }

    /**
     * Threads of the JVM, JUnit, AWT and Swing (SwingWorker's shared pool idles for minutes), which end by
     * themselves or are shared: not the student's. A test's own thread ("junit-timeout-thread-N", which a
     * timed-out test leaves running) and Awaitility's are not in the list: they end with their test or await.
     */
    private static final List<String> INFRASTRUCTURE = List.of("junit-jupiter-timeout-watcher", "AWT-", "Java2D",
            "TimerQueue", "Swing-", "SwingWorker-", "Image Fetcher", "ForkJoinPool.commonPool", "Common-Cleaner",
            "process reaper", "Reference Handler", "Finalizer", "Signal Dispatcher", "Notification Thread",
            "Attach Listener", "DestroyJavaVM", "dcchat-grader-");

    /**
     * The threads started since {@code before} that are still alive, by name, sorted — daemon or not: a daemon
     * thread cannot keep the JVM alive, but it can still burn CPU or hold a port. Threads about to end get a
     * moment to do so.
     */
    static List<String> threadsLeft(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
        List<Thread> left = new ArrayList<>();
        for (Thread t : allThreads()) {
            if (t.isAlive() && t != Thread.currentThread() && !before.contains(t)
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
        return List.of(Arrays.copyOf(threads, n));
    }

}
