package dcchat.grader;

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
        if (!kit.hasReference() && List.of("grade", "generate", "bench", "student-edition", "gradescope-zip")
                .contains(args[0])) {
            fail(args[0] + " needs the full kit (with solutions/), and the reference is not in this copy of the kit "
                    + "(students have ./dcchat progress)");
        }
        int exit = switch (args[0]) {
            case "grade" -> grade(kit, config, pos, opt);
            case "progress" -> Progress.run(kit, config, opt);
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
            case "bench" -> Bench.run(kit, config, opt);
            case "classroom" -> {
                System.out.print(Exports.classroom(kit, config));
                yield 0;
            }
            case "gradescope-zip" -> {
                if (pos.size() != 1) {
                    fail("usage: gradescope-zip OUT.zip");
                }
                int files = Exports.gradescopeZip(kit, Path.of(pos.get(0)));
                System.out.println("grader: wrote " + pos.get(0) + " (" + files + " files: the kit, with setup.sh and "
                        + "run_autograder at its root); upload it as the Gradescope assignment's autograder");
                yield 0;
            }
            case "student-edition" -> {
                if (pos.size() != 1) {
                    fail("usage: student-edition DIR");
                }
                Path dir = Path.of(pos.get(0));
                StudentEdition.Written written;
                try {
                    written = new StudentEdition(kit).write(dir, Exports.classroom(kit, config));
                } catch (StudentEdition.Refused r) {
                    System.err.println("grader: " + r.getMessage());
                    yield 1;
                }
                System.out.println("grader: wrote the student edition to " + dir + " (" + written.files() + " files "
                        + "from the kit, the starters for the grader, .github/workflows/classroom.yml); no solutions/, "
                        + "no reference code or names (checked line by line)");
                System.out.println("  " + written.links().summary());
                written.links().broken().forEach(b -> System.out.println("    " + b));
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

    static Grader.Modes mode(Map<String, String> opt, String dflt) {
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

    static int jobs(Map<String, String> opt) {
        return Integer.parseInt(opt.getOrDefault("--jobs", Integer.toString(defaultJobs())));
    }

    /**
     * Eight test JVMs per core: one spends most of its time waiting on sockets and timeouts, not computing — at
     * four per core the 200-submission bench kept 1.4 of 2 cores busy, at eight 1.9 (BENCHMARKS.md) — but no more
     * than the memory holds, at 512 MB per JVM (heap 256 MB plus the JVM's own).
     */
    static int defaultJobs() {
        int byCores = 8 * Runtime.getRuntime().availableProcessors();
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
        List<Grader.Submission> subs = Roster.find(Path.of(pos.get(0)).toAbsolutePath(), kit);
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

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
