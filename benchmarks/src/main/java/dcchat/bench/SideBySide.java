package dcchat.bench;

import dcchat.bench.netty.NettyChatServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code --peer netty}: the same run against the step 4 server and against the Netty comparator
 * ({@link NettyChatServer}), {@code --repeat} times each, in one invocation. Each run starts its server as a fresh
 * child process. The two alternate, and the order is swapped every repetition (reference, Netty; Netty, reference;
 * …) so that neither always runs first, on the coldest load generator. Each run's JSON line is printed as it ends
 * (with {@code "server"}); then a table of medians and of the ratio step 4 server ÷ Netty.
 */
final class SideBySide {

    static final String REFERENCE = "reference";

    private SideBySide() {
    }

    /**
     * Runs the series and prints the lines and the table.
     *
     * @param o options with a spawn class path (the step 4 server) and a peer
     * @return true if every run of both servers passed
     */
    static boolean run(BenchOptions o) {
        BroadcastBench.Target reference = BroadcastBench.Target.stepFour(REFERENCE, o);
        // The comparator lives in this module: this JVM's own class path is the module's runtime class path.
        BroadcastBench.Target netty = new BroadcastBench.Target(BenchOptions.NETTY, NettyChatServer.class.getName(),
                System.getProperty("java.class.path"), List.of());
        List<Report> ofReference = new ArrayList<>();
        List<Report> ofNetty = new ArrayList<>();
        boolean passed = true;
        // This JVM is the load generator of every run: its first run meets it cold (interpreted, not yet
        // compiled), and would slow whichever server came first. One run, not recorded, warms it up.
        System.err.printf("bench: warming up the load generator: one run against %s, not recorded%n", netty.label());
        Report warmUp = BroadcastBench.run(o, netty);
        System.err.printf("bench: warm-up run done (%,d deliveries/s%s)%n", warmUp.deliveriesPerSecond(),
                warmUp.passed() ? "" : "; it did not pass: " + warmUp.toJson());
        for (int k = 0; k < o.repeat(); k++) {
            for (BroadcastBench.Target t : k % 2 == 0 ? List.of(reference, netty) : List.of(netty, reference)) {
                System.err.printf("bench: run %d of %d, %s%n", ofReference.size() + ofNetty.size() + 1,
                        2 * o.repeat(), t.label());
                Report r = BroadcastBench.run(o, t);
                (t == reference ? ofReference : ofNetty).add(r);
                passed &= BroadcastBench.emit(r.toJson()) && r.passed();
            }
        }
        for (String line : table(o, ofReference, ofNetty)) {
            passed &= BroadcastBench.emit(line);
        }
        return passed;
    }

    /**
     * The table: one row per figure, the median of each server's runs and their ratio.
     *
     * @param o           the options (for the title)
     * @param ofReference the step 4 server's reports
     * @param ofNetty     the comparator's reports
     * @return the lines, a Markdown table under a title line
     */
    static List<String> table(BenchOptions o, List<Report> ofReference, List<Report> ofNetty) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "# %s, %d clients, %d senders × %d lines%s%s: medians of %d + %d runs"
                        + " (JDK %d; reference on %s threads, bench readers on %s threads)",
                o.mode(), o.clients(), o.senders(), o.messages(), o.rate() > 0 ? " at " + number(o.rate()) + "/s each" : "",
                o.warmup() > 0 ? ", warm-up " + o.warmup() : "", ofReference.size(), ofNetty.size(),
                Runtime.version().feature(), o.serverThreads(), BenchClient.READER_THREADS));
        lines.add("| | reference | netty | reference ÷ netty |");
        lines.add("|---|---:|---:|---:|");
        row(lines, "deliveries/s", 0, ofReference, ofNetty, r -> r.deliveriesPerSecond());
        row(lines, "join s", 2, ofReference, ofNetty, Report::joinSeconds);
        row(lines, "p50 ms", 2, ofReference, ofNetty, r -> r.percentileMs(50));
        row(lines, "p99 ms", 2, ofReference, ofNetty, r -> r.percentileMs(99));
        row(lines, "max ms", 2, ofReference, ofNetty, r -> r.percentileMs(100));
        row(lines, "lost", 0, ofReference, ofNetty, Report::lost);
        row(lines, "server CPU s", 2, ofReference, ofNetty, r -> r.usage().serverCpu());
        row(lines, "bench CPU s", 2, ofReference, ofNetty, r -> r.usage().benchCpu());
        row(lines, "server context switches", 0, ofReference, ofNetty, r -> r.usage().serverSwitches());
        row(lines, "frames per read", 1, ofReference, ofNetty, Report::framesPerRead);
        lines.add(String.format(Locale.ROOT, "| runs passed | %d/%d | %d/%d | |",
                ofReference.stream().filter(Report::passed).count(), ofReference.size(),
                ofNetty.stream().filter(Report::passed).count(), ofNetty.size()));
        return lines;
    }

    private static void row(List<String> lines, String name, int decimals, List<Report> a, List<Report> b,
                            ToDoubleFunction<Report> figure) {
        double x = median(a, figure);
        double y = median(b, figure);
        String ratio = Double.isNaN(x) || Double.isNaN(y) || y == 0 ? "–" : fixed(x / y, 2);
        lines.add("| " + name + " | " + fixed(x, decimals) + " | " + fixed(y, decimals) + " | " + ratio + " |");
    }

    /**
     * The median of a figure over some reports; a figure the OS did not give (negative) is left out.
     *
     * @return the median (the mean of the middle two for an even count), or NaN if there is none
     */
    static double median(List<Report> reports, ToDoubleFunction<Report> figure) {
        double[] v = reports.stream().mapToDouble(figure).filter(d -> d >= 0).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String fixed(double d, int decimals) {
        if (Double.isNaN(d)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", d);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
