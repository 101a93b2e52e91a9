package dcchat.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux-only diagnostics from {@code /proc}, sampled before and after the measured lines: how busy the whole
 * machine was, and how many context switches a process made. Where {@code /proc} cannot be read (another
 * OS), every method returns -1 and the report says {@code null}.
 */
final class ProcStats {

    private ProcStats() {
    }

    /**
     * CPU time the whole machine spent busy (every core, every process), from the first line of
     * {@code /proc/stat}, in ticks of 1/100 s. The kernel samples these per tick, so the figure is approximate
     * (±1 s over a 10-s run with many short wake-ups); a value well above server + bench means something else
     * competed for the cores.
     *
     * @return seconds, or -1 if unknown
     */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // skip idle and iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Voluntary + involuntary context switches of every thread of a process, alive now (threads that have
     * ended are not counted, so sample while the process's threads are alive). Reads one small file per
     * thread: about 50 ms for 4,000 threads.
     *
     * @param pid a process id
     * @return the sum, or -1 if unknown
     */
    static long contextSwitches(long pid) {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")
                                || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // the thread ended while we read: skip it
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
