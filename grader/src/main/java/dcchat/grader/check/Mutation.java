package dcchat.grader.check;

import dcchat.launcher.Cli;
import dcchat.launcher.KitLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./dcchat mutation} — how much of each step's reference code its tests really pin down (TESTING.md).
 *
 * <p>For every step it runs PIT (the root pom's "mutation" profile) on the step's reference code
 * (solutions/STEP/src/main/java) with that step's own tests:
 * {@code ./mvnw -B -ntp -Psolutions,mutation -pl STEP -am test-compile org.pitest:pitest-maven:mutationCoverage}
 * (the steps it builds on are compiled but not mutated: -DstepN.mutation.skip=true). PIT makes many small changes to
 * the code, one at a time (a "mutant": a condition inverted, a call removed, a return value replaced), and runs the
 * tests that cover that line; a mutant the tests notice is killed, one they do not notice survives. It then reads
 * STEP/target/pit-reports/mutations.xml and prints one table:
 * step | mutants | killed | survived | no coverage | timed out | score | seconds.
 * killed counts what PIT counts as detected (KILLED, TIMED_OUT, MEMORY_ERROR, RUN_ERROR); timed out is the part of
 * killed that PIT ended for running too long; score = killed / mutants, NO_COVERAGE included. Every surviving or
 * uncovered mutant is listed below the table, and must be explained in its step's README ("### Mutants that survive,
 * and why", a bullet naming {@code `Class.method`} and the line). It exits non-zero when a run fails, when a step
 * scores below 85 % (or below the lower floor its pom records, with the reason, in kit.mutation.threshold), or when
 * a mutant the tests do not detect is not explained in its README.
 *
 * <p>Options (dcchat.launcher.Commands): --step MODULE (repeatable) only those steps; --threshold P (the target,
 * default 85); --report-only reads the existing reports without running PIT. A step whose tests need a display (step
 * 5's window test, {@code @Tag("display")}) runs under xvfb-run when there is no display and xvfb-run is installed.
 * Maven's output goes to kit/logs/mutation-*.log.
 */
public final class Mutation {

    /** One mutant PIT did not detect. */
    record Survivor(String className, String method, int line, String mutator, String description, String status) {
    }

    /** What one step's mutations.xml says. */
    record Result(int mutants, int killed, int survived, int noCoverage, int timedOut, List<Survivor> survivors,
                  boolean ran) {

        double score() {
            return mutants == 0 ? 0 : 100.0 * killed / mutants;
        }

        static Result missing() {
            return new Result(0, 0, 0, 0, 0, List.of(), false);
        }
    }

    /** The kit, its layout and its Maven Wrapper. */
    private final Maven maven;

    private Mutation(Maven maven) {
        this.maven = maven;
    }

    /** Runs the mutation check of the kit at {@code root} with its parsed options; the exit code. */
    public static int run(Path root, Cli.Parsed args) throws Exception {
        return new Mutation(new Maven(root)).run(args.texts("--step"), args.decimal("--threshold").orElse(85.0),
                args.has("--report-only"));
    }

    private int run(List<String> only, double threshold, boolean reportOnly) throws Exception {
        List<String> all = maven.layout().stepNames();
        List<String> steps = KitCheck.selected(maven.layout(), only);
        Path logs = maven.logs();
        List<String> problems = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        double wall = 0;

        if (!reportOnly) {
            System.out.println("DCChat mutation check (PIT on the reference code) — steps: " + String.join(", ", steps));
            // 1. One clean build of the selected steps and the steps they use, so that no class compiled from
            //    the starter code is left in target/classes.
            System.out.println("· building the reference (clean) …");
            long b0 = System.nanoTime();
            int exit = maven.run(List.of("-Psolutions", "-pl", String.join(",", steps), "-am", "clean", "test-compile"),
                    logs.resolve("mutation-build.log"), false);
            wall += (System.nanoTime() - b0) / 1e9;
            if (exit != 0) {
                System.out.println("mutation: the build failed (exit " + exit + "): see kit/logs/mutation-build.log");
                return 1;
            }
            // 2. PIT, one step at a time (its own log and time); the steps it builds on are not mutated.
            for (String step : steps) {
                boolean display = needsDisplay(step);
                boolean xvfb = display && !Maven.hasDisplay() && Maven.onPath("xvfb-run");
                System.out.println("· mutating " + step + (xvfb ? " (under xvfb-run: its window test needs a display)" : "")
                        + " …");
                if (display && !Maven.hasDisplay() && !xvfb) {
                    System.out.println("    note: no display and no xvfb-run: " + step + "'s window test will be skipped, "
                            + "so the window code counts as not covered");
                }
                List<String> a = new ArrayList<>(List.of("-Psolutions,mutation", "-pl", step, "-am"));
                for (String other : all) {
                    if (!other.equals(step)) {
                        a.add("-D" + stepKey(other) + ".mutation.skip=true");
                    }
                }
                a.add("test-compile");
                a.add("org.pitest:pitest-maven:mutationCoverage");
                String log = "mutation-" + step + ".log";
                long s0 = System.nanoTime();
                exit = maven.run(a, logs.resolve(log), xvfb);
                double s = (System.nanoTime() - s0) / 1e9;
                seconds.put(step, s);
                wall += s;
                if (exit != 0) {
                    problems.add(step + ": PIT run failed (exit " + exit + "): see kit/logs/" + log);
                }
            }
        }

        // 3. The table.
        System.out.println();
        String head = String.format(Locale.ROOT, "%-18s %8s %7s %9s %12s %10s %8s %8s",
                "step", "mutants", "killed", "survived", "no coverage", "timed out", "score", "seconds");
        System.out.println(head);
        System.out.println("─".repeat(head.length()));
        Map<String, Result> results = new LinkedHashMap<>();
        List<String> belowTarget = new ArrayList<>();
        int tm = 0;
        int tk = 0;
        int ts = 0;
        int tn = 0;
        int tt = 0;
        for (String step : steps) {
            Result r = results(step);
            results.put(step, r);
            tm += r.mutants();
            tk += r.killed();
            ts += r.survived();
            tn += r.noCoverage();
            tt += r.timedOut();
            Double s = seconds.get(step);
            System.out.println(String.format(Locale.ROOT, "%-18s %8d %7d %9d %12d %10d %7.1f%% %8s",
                    step, r.mutants(), r.killed(), r.survived(), r.noCoverage(), r.timedOut(), r.score(),
                    s == null ? "-" : String.format(Locale.ROOT, "%.0f", s)));
            if (!r.ran()) {
                problems.add(step + ": no report (" + step + "/target/pit-reports/mutations.xml)");
                continue;
            }
            if (r.score() < threshold) {
                double floor = floor(step, threshold);
                belowTarget.add(String.format(Locale.ROOT, "%s %.1f%%", step, r.score())
                        + (floor < threshold ? String.format(Locale.ROOT, " (its floor: %.0f%%)", floor) : ""));
                if (r.score() < floor) {
                    problems.add(String.format(Locale.ROOT, "%s: %.1f%% killed, below %.0f%%%s", step, r.score(), floor,
                            floor < threshold ? " (the floor in " + step + "/pom.xml)" : ""));
                }
            }
        }
        System.out.println("─".repeat(head.length()));
        System.out.println(String.format(Locale.ROOT, "%-18s %8d %7d %9d %12d %10d %7.1f%% %8s",
                "all", tm, tk, ts, tn, tt, tm == 0 ? 0.0 : 100.0 * tk / tm,
                seconds.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", wall)));
        System.out.println("killed = detected by PIT (timed out included); score = killed / mutants. "
                + "Reports: STEP/target/pit-reports/index.html");

        // 4. The mutants the tests do not notice: each is explained in its step's README.
        boolean header = false;
        for (var e : results.entrySet()) {
            String explained = survivorsSection(e.getKey());
            for (Survivor v : e.getValue().survivors()) {
                if (!header) {
                    System.out.println();
                    System.out.println("Not detected (each explained in its step's README, \"Mutants that survive, and why\"):");
                    header = true;
                }
                boolean ok = isExplained(explained, v);
                System.out.println(String.format(Locale.ROOT, "  %s %-16s %s.%s:%d  %s  [%s, %s]", ok ? " " : "✗",
                        e.getKey(), v.className(), v.method(), v.line(), v.description(), v.status(), v.mutator()));
                if (!ok) {
                    problems.add(e.getKey() + ": " + v.className() + "." + v.method() + " line " + v.line()
                            + " is not detected and not explained in " + e.getKey() + "/README.md (\"### " + SURVIVORS
                            + "\": a bullet naming `" + v.className() + "." + v.method() + "` and line " + v.line()
                            + ") — add a test that kills it, or explain why no test can");
                }
            }
        }
        System.out.println();
        if (belowTarget.isEmpty()) {
            System.out.println(String.format(Locale.ROOT, "mutation: all steps ≥ %.0f%%", threshold));
        } else {
            System.out.println(String.format(Locale.ROOT, "mutation: below %.0f%%: %s", threshold,
                    String.join(", ", belowTarget)));
        }
        if (!problems.isEmpty()) {
            System.out.println("mutation: FAILED");
            problems.forEach(p -> System.out.println("  ✗ " + p));
        }
        return problems.isEmpty() ? 0 : 1;
    }

    /** The heading, inside a step README's "Run the tests" section, that lists the surviving mutants. */
    static final String SURVIVORS = "Mutants that survive, and why";

    /** The text of a step README's "### Mutants that survive, and why" subsection, or "" if it has none. */
    String survivorsSection(String step) throws IOException {
        Path readme = maven.root().resolve(step).resolve("README.md");
        if (!Files.exists(readme)) {
            return "";
        }
        String text = Files.readString(readme);
        int start = text.indexOf("### " + SURVIVORS);
        if (start < 0) {
            return "";
        }
        Matcher next = Pattern.compile("(?m)^#{2,3} ").matcher(text);
        int end = next.find(start + 4) ? next.start() : text.length();
        return text.substring(start, end);
    }

    /** True if a bullet of the subsection names `Class.method` and, after it, the mutant's line. */
    static boolean isExplained(String section, Survivor v) {
        String name = "`" + v.className() + "." + v.method() + "`";
        for (String bullet : section.split("\\R- ")) {
            int at = bullet.indexOf(name);
            if (at < 0) {
                continue;
            }
            Matcher lines = Pattern.compile("lines? ([0-9][0-9, –and]*)").matcher(bullet.substring(at));
            if (lines.find()) {
                for (String n : lines.group(1).split("[^0-9]+")) {
                    if (n.equals(String.valueOf(v.line()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The lowest score a step may have: the target, unless the step's pom records a lower floor in
     * {@code <kit.mutation.threshold>} (with, next to it, why the step cannot reach the target).
     */
    double floor(String step, double target) throws IOException {
        OptionalDouble floor = maven.layout().step(step).mutationFloor();
        return floor.isPresent() ? Math.min(target, floor.getAsDouble()) : target;
    }

    /** Reads STEP/target/pit-reports/mutations.xml. */
    Result results(String step) throws IOException {
        Path xml = maven.root().resolve(step).resolve("target/pit-reports/mutations.xml");
        if (!Files.exists(xml)) {
            return Result.missing();
        }
        List<BuildReports.Mutant> mutants = BuildReports.pit(xml);
        int killed = 0;
        int survived = 0;
        int noCoverage = 0;
        int timedOut = 0;
        List<Survivor> survivors = new ArrayList<>();
        for (BuildReports.Mutant m : mutants) {
            if (m.detected()) {
                killed++;
                if (m.status().equals("TIMED_OUT")) {
                    timedOut++;
                }
                continue;
            }
            if (m.status().equals("NO_COVERAGE")) {
                noCoverage++;
            } else {
                survived++;
            }
            survivors.add(new Survivor(m.className(), m.method(), m.line(), m.mutator(), m.description(), m.status()));
        }
        return new Result(mutants.size(), killed, survived, noCoverage, timedOut, survivors, true);
    }

    String stepKey(String step) {
        return maven.layout().step(step).key();
    }

    /** True when one of the step's tests is tagged "display" (it drives a real window). */
    boolean needsDisplay(String step) throws IOException {
        Path tests = maven.root().resolve(step).resolve("src/test/java");
        if (!Files.isDirectory(tests)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(tests)) {
            return s.filter(p -> p.toString().endsWith(".java")).anyMatch(p -> {
                try {
                    return Files.readString(p).contains("@Tag(\"display\")");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }
}
