package dcchat.grader;

import dcchat.grader.Results.StepGrade;
import dcchat.launcher.Cli;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code ./dcchat grade-bench}: synthetic submissions generated, graded, checked against expected.csv, timed. */
final class Bench {

    private Bench() {
    }

    static int run(Kit kit, Config config, Main.Context c) throws Exception {
        Cli.Parsed opt = c.args();
        int n = opt.integer("--submissions").orElse(200);
        Path dir = c.path("--keep").isPresent() ? c.path("--keep").get().toAbsolutePath()
                : Files.createTempDirectory("dcchat-bench");
        Trees.deleteTree(dir);
        long p0 = System.nanoTime();
        Sandbox sandbox = Main.sandbox(opt);
        kit.prepare(config, sandbox, System.err);
        double prep = (System.nanoTime() - p0) / 1e9;
        Path subs = dir.resolve("submissions");
        new Generate(kit).write(subs, n, opt.integer("--seed").orElse(1));
        Path out = dir.resolve("out");
        Grader grader = new Grader(kit, config, Main.mode(opt, "both"), Main.jobs(opt), !opt.has("--no-cache"),
                out.resolve(".work"), sandbox);
        List<Grader.Submission> list = Roster.find(subs, kit);
        long t0 = System.nanoTime();
        double machine0 = machineCpuSeconds();
        List<Results.Submission> results = grader.gradeAll(list, new PrintStream(PrintStream.nullOutputStream()));
        double secs = (System.nanoTime() - t0) / 1e9;
        double machineCpu = machineCpuSeconds() - machine0;
        double compileCpu = grader.compileCpuSeconds();
        grader.close();
        Reports.writeAll(results, kit.steps(), out);
        Trees.deleteTree(out.resolve(".work"));
        int[] check = check(results, Generate.expected(subs), System.out);
        System.out.printf(Locale.ROOT, "bench: %d submissions × %d steps, mode %s, %d jobs, cache %s, %s, %d cores%n",
                n, kit.steps().size(), opt.choice("--mode").orElse("both"), Main.jobs(opt),
                opt.has("--no-cache") ? "off" : "on", sandbox.describe(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "bench: grading %.1f s (%.2f s per submission, %d test JVMs); kit preparation "
                + "%.1f s%n", secs, secs / n, grader.jvmRuns(), prep);
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            System.out.printf(Locale.ROOT, "bench: CPU time of the grader's own JVM (javac, reports) %.1f s%n",
                    os.getProcessCpuTime() / 1e9);
        }
        if (machine0 >= 0) {
            System.out.printf(Locale.ROOT, "bench: CPU time of the whole machine while grading %.1f s (%.2f of %d "
                    + "cores busy on average)%s%n", machineCpu, machineCpu / secs,
                    Runtime.getRuntime().availableProcessors(), sandbox.bubblewrap()
                            ? String.format(Locale.ROOT, ", of which the sandboxed compile servers %.1f s", compileCpu)
                            : "");
        }
        System.out.printf("bench: expected scores met %d / %d step grades%n", check[0], check[1]);
        if (!opt.has("--keep")) {
            Trees.deleteTree(dir);
        } else {
            System.out.println("bench: submissions and reports kept in " + dir);
        }
        System.out.printf("grade-bench: %d passed, %d failed%n", check[0], check[1] - check[0]);
        return check[0] == check[1] ? 0 : 1;
    }

    /** CPU seconds the whole machine has used since boot (Linux: the first line of /proc/stat), or -1. */
    static double machineCpuSeconds() {
        try (java.io.BufferedReader r = Files.newBufferedReader(Path.of("/proc/stat"))) {
            String[] f = r.readLine().trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal …
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / 100.0; // clock ticks (USER_HZ) are 1/100 s on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Compares results with expected.csv; prints mismatches; returns {met, total}. */
    static int[] check(List<Results.Submission> results, Map<String, Map<String, String>> expected, PrintStream out) {
        int met = 0;
        int total = 0;
        for (Results.Submission r : results) {
            Map<String, String> e = expected.getOrDefault(r.student(), Map.of());
            for (StepGrade g : r.steps()) {
                String want = e.get(g.step());
                if (want == null) {
                    continue;
                }
                total++;
                if (Generate.meets(want, g.scored().score(), g.scored().max())) {
                    met++;
                } else {
                    out.printf(Locale.ROOT, "  MISMATCH %s %s: expected %s, got %s / %s (%s)%n", r.student(), g.step(),
                            want, Results.pts(g.scored().score()), Results.pts(g.scored().max()),
                            Reports.statusText(g.scored().status()));
                    for (Results.TestOutcome t : g.scored().tests()) {
                        if (!t.passed()) {
                            String m = t.message().strip();
                            int nl = m.indexOf('\n');
                            out.printf("    failed: %s — %s%n", t.test().path(), nl < 0 ? m : m.substring(0, nl) + " …");
                        }
                    }
                }
            }
        }
        return new int[] {met, total};
    }

}
