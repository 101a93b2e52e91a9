package dcchat.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The outcome of one run, and its one-line JSON form.
 *
 * @param options        what was asked
 * @param delivered      distinct chat lines received, summed over every client
 * @param reordered      lines that arrived after a later line of the same sender (a gap alone is lost)
 * @param duplicates     lines received more than once by the same client
 * @param malformed      chat lines from a sender of this run whose data could not be read
 * @param errorFrames    {@code error} frames the server sent
 * @param disconnected   clients whose connection ended before the run was over (e.g. dropped by the server)
 * @param seconds        from the first line sent to the last one received
 * @param joinSeconds    connecting, joining and the barrier, before any line was sent
 * @param latencyNanos   every received line's latency, sorted ascending
 * @param framesPerRead  frames the clients got per socket read while the measured lines arrived (batching)
 * @param maxSenderLagMs how late a paced sender was at worst against its schedule (0 in burst)
 * @param usage          CPU and context switches of server, bench and machine while the measured lines were
 *                       in flight; machine CPU well above server + bench means something else competed
 * @param timedOut       true if {@code --timeout-seconds} ended the run
 * @param error          why the run could not be completed, or null
 * @param server         which server ran, in a side-by-side comparison ("reference", "netty"); else null
 */
record Report(BenchOptions options, long delivered, long reordered, long duplicates, long malformed,
              long errorFrames, int disconnected, double seconds, double joinSeconds, long[] latencyNanos,
              double framesPerRead, double maxSenderLagMs, Usage usage, boolean timedOut, String error,
              String server) {

    /** A run that ended before it measured anything. */
    static Report failed(BenchOptions options, String error, boolean timedOut) {
        return new Report(options, 0, 0, 0, 0, 0, 0, 0, 0, new long[0], 0, 0, Usage.UNKNOWN, timedOut, error, null);
    }

    /** @return this report, labelled with the server that ran (a side-by-side comparison) */
    Report labelled(String label) {
        return new Report(options, delivered, reordered, duplicates, malformed, errorFrames, disconnected, seconds,
                joinSeconds, latencyNanos, framesPerRead, maxSenderLagMs, usage, timedOut, error, label);
    }

    /** @return deliveries per second over the measured span, 0 if nothing was measured */
    long deliveriesPerSecond() {
        return seconds > 0 ? Math.round(delivered / seconds) : 0;
    }

    /** @return expected − delivered */
    long lost() {
        return options.expected() - delivered;
    }

    /** @return true if every line reached every client exactly once and in order, and nothing failed */
    boolean passed() {
        return lost() == 0 && reordered == 0 && duplicates == 0 && malformed == 0 && disconnected == 0
                && error == null;
    }

    /**
     * The nearest-rank percentile of the latencies.
     *
     * @param p a percentile in (0, 100]
     * @return the latency in milliseconds, or 0 if nothing was received
     */
    double percentileMs(double p) {
        if (latencyNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * latencyNanos.length);
        return latencyNanos[Math.min(latencyNanos.length, Math.max(1, rank)) - 1] / 1e6;
    }

    /** @return the report as one line of JSON, numbers in a fixed format */
    String toJson() {
        StringBuilder j = new StringBuilder(400);
        j.append("{\"mode\":\"").append(options.mode()).append('"')
                .append(",\"clients\":").append(options.clients())
                .append(",\"senders\":").append(options.senders())
                .append(",\"messages\":").append(options.messages())
                .append(",\"rate\":").append(number(options.rate()))
                .append(",\"warmup\":").append(options.warmup())
                .append(",\"expected\":").append(options.expected())
                .append(",\"delivered\":").append(delivered)
                .append(",\"lost\":").append(lost())
                .append(",\"reordered\":").append(reordered)
                .append(",\"duplicates\":").append(duplicates)
                .append(",\"disconnected\":").append(disconnected)
                .append(",\"seconds\":").append(fixed(seconds, 3))
                .append(",\"deliveriesPerSecond\":").append(deliveriesPerSecond())
                .append(",\"latencyMs\":{\"p50\":").append(fixed(percentileMs(50), 3))
                .append(",\"p90\":").append(fixed(percentileMs(90), 3))
                .append(",\"p99\":").append(fixed(percentileMs(99), 3))
                .append(",\"max\":").append(fixed(percentileMs(100), 3)).append('}')
                .append(",\"joinSeconds\":").append(fixed(joinSeconds, 3))
                .append(",\"framesPerRead\":").append(fixed(framesPerRead, 1))
                .append(",\"maxSenderLagMs\":").append(fixed(maxSenderLagMs, 3))
                .append(",\"cpuSeconds\":{\"server\":").append(cpu(usage.serverCpu()))
                .append(",\"bench\":").append(cpu(usage.benchCpu()))
                .append(",\"machine\":").append(cpu(usage.machineCpu())).append('}')
                .append(",\"contextSwitches\":{\"server\":").append(count(usage.serverSwitches()))
                .append(",\"bench\":").append(count(usage.benchSwitches())).append('}')
                .append(",\"timedOut\":").append(timedOut)
                .append(",\"jdk\":").append(Runtime.version().feature())
                .append(",\"readerThreads\":\"").append(BenchClient.READER_THREADS).append('"');
        if (options.spawnClasspath() != null && !BenchOptions.NETTY.equals(server)) {
            j.append(",\"serverThreads\":\"").append(options.serverThreads()).append('"'); // the step 4 server's
        }
        if (malformed > 0) {
            j.append(",\"malformed\":").append(malformed);
        }
        if (errorFrames > 0) {
            j.append(",\"errorFrames\":").append(errorFrames);
        }
        if (error != null) {
            j.append(",\"error\":\"").append(escape(error)).append('"');
        }
        if (server != null) {
            j.append(",\"server\":\"").append(escape(server)).append('"');
        }
        return j.append('}').toString();
    }

    /** Sorts latencies in place and returns them: the constructor's {@code latencyNanos} must be sorted. */
    static long[] sorted(long[] latencies) {
        Arrays.sort(latencies);
        return latencies;
    }

    private static String cpu(double seconds) {
        return seconds < 0 ? "null" : fixed(seconds, 2);
    }

    private static String count(long n) {
        return n < 0 ? "null" : Long.toString(n);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : fixed(d, 3);
    }

    private static String fixed(double d, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", d);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
