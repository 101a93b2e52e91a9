package dcchat.grader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dcchat.grader.Results.StepGrade;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grader's commands (run through {@code ./dcchat}, which builds the grader first):
 * <pre>
 *   grade PATH [--out DIR] [--mode isolated|cumulative|both] [--jobs N] [--no-cache] [--config FILE]
 *              [--unsandboxed]  PATH: one submission (a kit clone, or a .zip of one) or a folder of them
 *   progress [--json] [--step STEP] [--require-all]    a student's own working copy, cumulative mode
 *   generate DIR [--count N] [--seed S]                synthetic submissions + expected.csv
 *   bench [--submissions N] [--jobs N] [--mode M] [--no-cache] [--keep DIR]   generate, grade, check, time
 *   classroom                                          prints a GitHub Classroom workflow for this kit's steps
 *   gradescope-zip OUT.zip                             Gradescope's autograder: the kit, setup.sh, run_autograder
 *   student-edition DIR                                exports what students receive (see {@link StudentEdition})
 * </pre>
 * Every command runs from the kit's root (or --kit DIR). Points and limits: grader/grading.properties.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage(System.out);
            return;
        }
        Map<String, String> opt = new LinkedHashMap<>();
        List<String> pos = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                usage(System.out);
                return;
            }
            if (a.equals("--json") || a.equals("--no-cache") || a.equals("--require-all") || a.equals("--unsandboxed")) {
                opt.put(a, "true");
            } else if (a.startsWith("--")) {
                if (i + 1 >= args.length) {
                    fail("option " + a + " needs a value");
                }
                opt.put(a, args[++i]);
            } else {
                pos.add(a);
            }
        }
        Path cwd = Path.of(opt.getOrDefault("--cwd", ".")).toAbsolutePath();
        for (int i = 0; i < pos.size(); i++) {
            pos.set(i, cwd.resolve(pos.get(i)).normalize().toString());
        }
        for (String k : List.of("--out", "--keep", "--config")) {
            if (opt.containsKey(k)) {
                opt.put(k, cwd.resolve(opt.get(k)).normalize().toString());
            }
        }
        Path kitRoot = Path.of(opt.getOrDefault("--kit", ".")).toAbsolutePath().normalize();
        Config config = Config.load(Path.of(opt.getOrDefault("--config",
                kitRoot.resolve("grader/grading.properties").toString())));
        Kit kit = Kit.open(kitRoot, kitRoot.resolve("grader/target/kit"));
        if (kit.studentEdition() && List.of("grade", "generate", "bench", "student-edition", "gradescope-zip")
                .contains(args[0])) {
            fail(args[0] + " needs the full kit (with solutions/): this is the student edition, which has "
                    + "./dcchat progress");
        }
        int exit = switch (args[0]) {
            case "grade" -> grade(kit, config, pos, opt);
            case "progress" -> progress(kit, config, opt);
            case "generate" -> {
                if (pos.size() != 1) {
                    fail("usage: generate DIR [--count N] [--seed S]");
                }
                new Generate(kit).write(Path.of(pos.get(0)), Integer.parseInt(opt.getOrDefault("--count", "24")),
                        Long.parseLong(opt.getOrDefault("--seed", "1")));
                System.out.println("grader: wrote " + opt.getOrDefault("--count", "24") + " submissions and "
                        + "expected.csv to " + pos.get(0));
                yield 0;
            }
            case "bench" -> bench(kit, config, opt);
            case "classroom" -> {
                System.out.print(classroom(kit, config));
                yield 0;
            }
            case "gradescope-zip" -> {
                if (pos.size() != 1) {
                    fail("usage: gradescope-zip OUT.zip");
                }
                int files = gradescopeZip(kit, Path.of(pos.get(0)));
                System.out.println("grader: wrote " + pos.get(0) + " (" + files + " files: the kit, with setup.sh and "
                        + "run_autograder at its root); upload it as the Gradescope assignment's autograder");
                yield 0;
            }
            case "student-edition" -> {
                if (pos.size() != 1) {
                    fail("usage: student-edition DIR");
                }
                Path dir = Path.of(pos.get(0));
                int files = new StudentEdition(kit).write(dir, classroom(kit, config));
                System.out.println("grader: wrote the student edition to " + dir + " (" + files + " files from the "
                        + "kit, the starters for the grader, .github/workflows/classroom.yml); no solutions/, no "
                        + "reference code (checked line by line)");
                System.out.println("  next: cd " + dir + " && git init && git add -A && git commit -m \"DCChat "
                        + "student edition\", push it and mark the repository as a template");
                yield 0;
            }
            default -> {
                usage(System.err);
                yield 2;
            }
        };
        System.exit(exit);
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage (from the kit's root, through ./dcchat):
                  grade PATH [--out DIR] [--mode isolated|cumulative|both] [--jobs N] [--no-cache] [--config FILE]
                        [--unsandboxed]
                  progress [--json] [--step STEP] [--require-all]
                  generate DIR [--count N] [--seed S]
                  bench [--submissions N] [--jobs N] [--mode M] [--no-cache] [--keep DIR] [--unsandboxed]
                  classroom
                  gradescope-zip OUT.zip
                  student-edition DIR""");
    }

    private static void fail(String message) {
        System.err.println("grader: " + message);
        System.exit(2);
    }

    private static Grader.Modes mode(Map<String, String> opt, String dflt) {
        return Grader.Modes.valueOf(opt.getOrDefault("--mode", dflt).toUpperCase(Locale.ROOT));
    }

    /** The unprivileged account student code runs as where bubblewrap cannot (Gradescope's setup.sh makes it). */
    static final String USER = "dcchat-student";

    /**
     * The sandbox for grading others' code: bubblewrap, or — only when the TA asks with --unsandboxed — none,
     * with a banner on every report. Without either, a sentence saying why and what to use instead.
     */
    static Sandbox sandbox(Map<String, String> opt) {
        Sandbox detected = "user".equals(System.getenv("DCCHAT_SANDBOX"))
                ? Sandbox.none("DCCHAT_SANDBOX=user asks for the unprivileged-user fallback") : Sandbox.detect();
        if (!detected.enabled() && !opt.containsKey("--unsandboxed")) {
            detected = Sandbox.userFallback(USER, detected.why());
        }
        if (opt.containsKey("--unsandboxed")) {
            return Sandbox.none(detected.enabled() ? "--unsandboxed was given" : detected.why());
        }
        if (!detected.enabled()) {
            fail("refusing to grade: student code must run in a sandbox, and here it cannot: " + detected.why()
                    + ". Grade on Linux with bubblewrap (sudo apt-get install bubblewrap), in WSL2, or on "
                    + "Gradescope; or pass --unsandboxed to grade anyway, with every report saying the grade is "
                    + "not protected against hostile code.");
        }
        return detected;
    }

    private static int jobs(Map<String, String> opt) {
        return Integer.parseInt(opt.getOrDefault("--jobs", Integer.toString(defaultJobs())));
    }

    /**
     * Four test JVMs per core: one spends most of its time waiting on sockets and timeouts, not computing
     * (BENCHMARKS.md) — but no more than the memory holds, at 512 MB per JVM (heap 256 MB plus the JVM's own).
     */
    static int defaultJobs() {
        int byCores = 4 * Runtime.getRuntime().availableProcessors();
        long memory = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 4L << 30;
        return (int) Math.max(1, Math.min(byCores, memory / (512L << 20)));
    }

    static int grade(Kit kit, Config config, List<String> pos, Map<String, String> opt) throws Exception {
        if (pos.size() != 1) {
            fail("usage: grade PATH [--out DIR] [--mode isolated|cumulative|both] [--jobs N]");
        }
        Path out = Path.of(opt.getOrDefault("--out", kit.root().resolve("grading-out").toString())).toAbsolutePath();
        Sandbox sandbox = sandbox(opt);
        kit.prepare(config, sandbox, System.err);
        List<Grader.Submission> subs = Grader.find(Path.of(pos.get(0)).toAbsolutePath(), kit);
        if (subs.isEmpty()) {
            fail("no submissions (folders or .zip files) in " + pos.get(0));
        }
        Path work = out.resolve(".work");
        Trees.deleteTree(work);
        Grader grader = new Grader(kit, config, mode(opt, "both"), jobs(opt), !opt.containsKey("--no-cache"), work,
                sandbox);
        System.out.printf(Locale.ROOT, "grader: %d submission(s) × %d step(s), mode %s, %d job(s), %s%n", subs.size(),
                kit.steps().size(), opt.getOrDefault("--mode", "both"), jobs(opt), sandbox.describe());
        long t0 = System.nanoTime();
        List<Results.Submission> results = grader.gradeAll(subs, System.out);
        double secs = (System.nanoTime() - t0) / 1e9;
        grader.close();
        Reports.writeAll(results, kit.steps(), out);
        Trees.deleteTree(work);
        System.out.printf(Locale.ROOT, "grader: graded %d submission(s) in %.1f s (%d test JVMs); reports in %s%n",
                results.size(), secs, grader.jvmRuns(), out);
        System.out.println("  " + out.resolve("class.csv") + ", summary.md, <student>.md, gradescope/<student>/results.json");
        return 0;
    }

    /** The student's view: their own working copy, cumulative mode; per step passed / total and what to read next. */
    static int progress(Kit all, Config config, Map<String, String> opt) throws Exception {
        String only = opt.get("--step");
        // One step: only it and the steps it builds on are prepared and graded.
        Kit kit = only == null ? all : Kit.open(all.root(), all.work(), List.of(all.step(only).name()));
        Sandbox none = Sandbox.none("./dcchat progress runs your own code, as ./mvnw test does");
        kit.prepare(config, none, System.err);
        Path work = kit.work().resolve("progress-work");
        Trees.deleteTree(work);
        Grader grader = new Grader(kit, config, Grader.Modes.CUMULATIVE, jobs(opt), true, work, none);
        Results.Submission r = grader.grade(new Grader.Submission("me", kit.root()));
        grader.close();
        Trees.deleteTree(work);
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean allPass = true;
        for (StepGrade g : r.steps()) {
            if (only != null && !g.step().equals(only)) {
                continue;
            }
            StepOutcome o = g.scored();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", g.step());
            row.put("passed", o.passed());
            row.put("total", o.tests().size());
            row.put("points", Math.round(o.score() * 100) / 100.0);
            row.put("max_points", Math.round(o.max() * 100) / 100.0);
            row.put("status", Reports.statusText(o.status()));
            row.put("next", next(g.step(), o, all.steps().stream().map(Kit.Step::name).toList()));
            rows.add(row);
            allPass &= o.passed() == o.tests().size();
        }
        if (opt.containsKey("--json")) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    Map.of("steps", rows,
                            "points", rows.stream().mapToDouble(x -> (Double) x.get("points")).sum(),
                            "max_points", rows.stream().mapToDouble(x -> (Double) x.get("max_points")).sum())));
        } else {
            System.out.println("DCChat progress — your code, each step built on your own earlier steps");
            System.out.printf("%-18s %9s  %-9s  %s%n", "step", "passed", "points", "next");
            for (Map<String, Object> row : rows) {
                System.out.printf(Locale.ROOT, "%-18s %4s / %-3s  %-9s  %s%n", row.get("step"), row.get("passed"),
                        row.get("total"), Results.pts((Double) row.get("points")) + "/"
                                + Results.pts((Double) row.get("max_points")), row.get("next"));
            }
            System.out.println("Run one step's tests for the full messages: ./mvnw test -pl STEP -am");
        }
        return opt.containsKey("--require-all") && !allPass ? 1 : 0;
    }

    /** What to do next for a step: done, fix the compile error, or read the section its first failure cites. */
    /** A stub's message names its step: "Step 4: start the accept thread — see README §1 The chat server". */
    private static final Pattern STUB_STEP = Pattern.compile("UnsupportedOperationException: Step (\\d+):");

    static String next(String step, StepOutcome o, List<String> steps) {
        switch (o.status()) {
            case MISSING:
                return "no code yet: start with " + step + "/README.md";
            case COMPILE_ERROR:
                String first = o.compilerMessages().strip().split("\n")[0];
                return "fix the compile error: " + first;
            case DEPENDENCY_BROKEN:
                return o.notes().isEmpty() ? "fix the earlier steps first" : o.notes().get(0);
            default:
                break;
        }
        // The earliest README section any failure points at: lessons build on their earlier sections. A stub of
        // an earlier step ("Step 4: … see README §1 …", hit in cumulative mode) points at that step's lesson first.
        TestOutcome first = null;
        long firstKey = Long.MAX_VALUE;
        String where = null;
        for (TestOutcome t : o.tests()) {
            if (t.passed()) {
                continue;
            }
            String lesson = step;
            String p = Reports.pointer(t.message());
            Matcher stub = STUB_STEP.matcher(t.message());
            if (stub.find()) { // the stub's own pointer, not one the test's description may have before it
                lesson = steps.stream().filter(n -> n.startsWith("step" + stub.group(1) + "-")).findFirst().orElse(step);
                p = Reports.pointer(t.message().substring(stub.start()));
            }
            int section = p == null ? Integer.MAX_VALUE - 1 : Integer.parseInt(p.replaceAll(".*§(\\d+).*", "$1"));
            long key = (long) steps.indexOf(lesson) * Integer.MAX_VALUE + section;
            if (first == null || key < firstKey) {
                first = t;
                firstKey = key;
                where = p == null ? lesson + "/README.md"
                        : p.startsWith("README §") ? lesson + "/README.md" + p.substring("README".length())
                        : p.startsWith("README.md") ? lesson + "/" + p : p;
            }
        }
        if (first != null) {
            String name = first.test().path();
            return "read " + where + " — failing: \"" + (name.length() > 90 ? name.substring(0, 90) + "…" : name)
                    + "\"";
        }
        return "done ✓";
    }

    static int bench(Kit kit, Config config, Map<String, String> opt) throws Exception {
        int n = Integer.parseInt(opt.getOrDefault("--submissions", "200"));
        Path dir = opt.containsKey("--keep") ? Path.of(opt.get("--keep")).toAbsolutePath()
                : Files.createTempDirectory("dcchat-bench");
        Trees.deleteTree(dir);
        long p0 = System.nanoTime();
        Sandbox sandbox = sandbox(opt);
        kit.prepare(config, sandbox, System.err);
        double prep = (System.nanoTime() - p0) / 1e9;
        Path subs = dir.resolve("submissions");
        new Generate(kit).write(subs, n, Long.parseLong(opt.getOrDefault("--seed", "1")));
        Path out = dir.resolve("out");
        Grader grader = new Grader(kit, config, mode(opt, "both"), jobs(opt), !opt.containsKey("--no-cache"),
                out.resolve(".work"), sandbox);
        List<Grader.Submission> list = Grader.find(subs, kit);
        long t0 = System.nanoTime();
        List<Results.Submission> results = grader.gradeAll(list, new PrintStream(PrintStream.nullOutputStream()));
        double secs = (System.nanoTime() - t0) / 1e9;
        grader.close();
        Reports.writeAll(results, kit.steps(), out);
        Trees.deleteTree(out.resolve(".work"));
        int[] check = check(results, Generate.expected(subs), System.out);
        System.out.printf(Locale.ROOT, "bench: %d submissions × %d steps, mode %s, %d jobs, cache %s, %s, %d cores%n",
                n, kit.steps().size(), opt.getOrDefault("--mode", "both"), jobs(opt),
                opt.containsKey("--no-cache") ? "off" : "on", sandbox.describe(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "bench: grading %.1f s (%.2f s per submission, %d test JVMs); kit preparation "
                + "%.1f s%n", secs, secs / n, grader.jvmRuns(), prep);
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            System.out.printf(Locale.ROOT, "bench: CPU time of the grader's own JVM (javac, reports) %.1f s%n",
                    os.getProcessCpuTime() / 1e9);
        }
        System.out.printf("bench: expected scores met %d / %d step grades%n", check[0], check[1]);
        if (!opt.containsKey("--keep")) {
            Trees.deleteTree(dir);
        } else {
            System.out.println("bench: submissions and reports kept in " + dir);
        }
        System.out.printf("grade-bench: %d passed, %d failed%n", check[0], check[1] - check[0]);
        return check[0] == check[1] ? 0 : 1;
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
                }
            }
        }
        return new int[] {met, total};
    }

    /**
     * Gradescope's autograder zip: the full kit as committed (solutions/ included: isolated mode needs the
     * reference), and grader/gradescope's setup.sh and run_autograder at the root, where Gradescope looks.
     */
    static int gradescopeZip(Kit kit, Path zip) throws IOException, InterruptedException {
        int n = 0;
        Files.createDirectories(zip.toAbsolutePath().getParent());
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> f : StudentEdition.kitFiles(kit.root()).entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
                n++;
            }
            for (String f : List.of("setup.sh", "run_autograder")) {
                out.putNextEntry(new java.util.zip.ZipEntry(f));
                Files.copy(kit.root().resolve("grader/gradescope").resolve(f), out);
                out.closeEntry();
                n++;
            }
        }
        return n;
    }

    /** A GitHub Classroom autograding workflow: one check per step (the step's points when all its tests pass). */
    static String classroom(Kit kit, Config config) {
        StringBuilder b = new StringBuilder();
        b.append("""
                # GitHub Classroom autograding for the DCChat kit (student edition). Generated by
                # `./dcchat classroom-workflow` from the steps in the root pom (and written into the student
                # edition by `./dcchat student-edition DIR`, as .github/workflows/classroom.yml).
                # Each step is one check worth its points (grader/grading.properties) when all its tests pass;
                # the job summary shows every student's partial progress (passed / total per step).
                # The grader runs each step's tests in cumulative mode: a step built on the student's own
                # earlier steps. Tests come from the student's repository: for grading that a student cannot
                # influence, TAs grade the submissions with the full kit (./dcchat grade, README "For TAs").
                name: Autograding Tests
                on: [push, workflow_dispatch, repository_dispatch]
                permissions:
                  checks: write
                  actions: read
                  contents: read
                jobs:
                  run-autograding-tests:
                    runs-on: ubuntu-latest
                    if: github.actor != 'github-classroom[bot]'
                    steps:
                      - name: Checkout code
                        uses: actions/checkout@v4
                      - name: Set up JDK 17
                        uses: actions/setup-java@v4
                        with:
                          distribution: temurin
                          java-version: '17'
                          cache: maven
                      - name: Xvfb (a virtual display for step 5's window test)
                        run: command -v xvfb-run || (sudo apt-get update && sudo apt-get install -y xvfb)
                      - name: Progress (passed / total per step)
                        run: xvfb-run -a ./dcchat progress | tee -a "$GITHUB_STEP_SUMMARY"
                """);
        List<String> ids = new ArrayList<>();
        for (Kit.Step s : kit.steps()) {
            String id = s.name().replaceAll("[^a-z0-9]", "-");
            ids.add(id);
            b.append("      - name: ").append(s.name()).append('\n');
            b.append("        id: ").append(id).append('\n');
            b.append("        uses: classroom-resources/autograding-command-grader@v1\n");
            b.append("        with:\n");
            b.append("          test-name: ").append(s.name()).append('\n');
            b.append("          setup-command: ''\n");
            b.append("          command: xvfb-run -a ./dcchat progress --step ").append(s.name())
                    .append(" --require-all\n");
            b.append("          timeout: 15\n");
            b.append("          max-score: ").append(Results.pts(config.points(s.name()))).append('\n');
        }
        b.append("      - name: Autograding Reporter\n");
        b.append("        uses: classroom-resources/autograding-grader-reporter@v1\n");
        b.append("        env:\n");
        for (String id : ids) {
            String var = id.toUpperCase(Locale.ROOT).replace('-', '_') + "_RESULTS";
            b.append("          ").append(var).append(": \"${{steps.").append(id).append(".outputs.result}}\"\n");
        }
        b.append("        with:\n");
        b.append("          runners: ").append(String.join(",", ids)).append('\n');
        return b.toString();
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
