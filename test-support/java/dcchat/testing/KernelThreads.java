package dcchat.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the Linux kernel says about this JVM's threads ({@code /proc/self/task/TID/stat}): whether one is runnable —
 * woken, and waiting for a core or on one. Java reports a thread unparked but not yet run as WAITING; the kernel
 * already reports it as runnable ('R'). {@link Stall} asks before it counts a sample as quiet.
 *
 * <p>Kit test support: students never edit this file. The JVM's own workers (the JIT compilers, the garbage
 * collector, its periodic tasks) are left out: they never run the program's code. Where {@code /proc} is not there
 * (Windows, macOS) the answer is always no, and {@link Stall} relies on its prompt samples alone.
 */
final class KernelThreads {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path SELF = Path.of("/proc/thread-self/stat");
    /** How the native names (15 characters at most) of the JVM's own threads begin. */
    private static final List<String> JVM_WORKERS = List.of("C1 Compiler", "C2 Compiler", "VM ", "GC ", "G1 ",
            "Sweeper", "Service Thread", "Monitor Deflati", "Signal Dispatch", "Notification Th");
    private static final boolean AVAILABLE = Files.isReadable(SELF) && Files.isDirectory(TASKS);

    private KernelThreads() {
    }

    /**
     * @return true if a thread of this JVM other than the calling one and the JVM's own workers is runnable now
     *         (always false where the kernel does not say)
     */
    static boolean anotherRunnable() {
        if (!AVAILABLE) {
            return false;
        }
        try {
            String self = Files.readString(SELF).split(" ", 2)[0];
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
                for (Path task : tasks) {
                    if (task.getFileName().toString().equals(self)) {
                        continue;
                    }
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException ended) {
                        continue; // the thread ended meanwhile
                    }
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open < 0 || close < open || close + 2 >= stat.length()) {
                        continue;
                    }
                    String name = stat.substring(open + 1, close);
                    if (stat.charAt(close + 2) == 'R' && JVM_WORKERS.stream().noneMatch(name::startsWith)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // unreadable: the prompt samples decide, as elsewhere
        }
    }
}
