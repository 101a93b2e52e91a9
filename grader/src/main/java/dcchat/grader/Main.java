package dcchat.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dcchat.grader.check.KitCheck;
import dcchat.grader.check.Mutation;
import dcchat.grader.check.WrongPrograms;
import dcchat.launcher.Cli;
import dcchat.launcher.Commands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kit program: every {@code ./dcchat} command that is not the launcher's own — the TAs' grading commands, the
 * students' {@code progress}, and the maintainers' checks ({@code check}, {@code mutation}, {@code wrong-programs},
 * in {@link dcchat.grader.check}). Its subcommands are exactly the {@link Commands.Where#KIT_PROGRAM} commands of
 * the launcher's command table ({@link Commands}), under the same names and parsed with the same
 * {@link Cli.Spec}s; {@code ./dcchat} builds the grader, then runs
 * {@code java -cp @grader/target/classpath.txt dcchat.grader.Main COMMAND --cwd DIR ARGS…} from the kit's root
 * (or --kit DIR). {@code java … dcchat.grader.Main help} lists them. Points and limits: grader/grading.properties.
 */
public final class Main {

    private Main() {
    }

    /**
     * What a subcommand gets: its parsed arguments, the kit's root, the folder the user ran ./dcchat from (relative
     * paths are theirs), and the grader's view of the kit and its points, opened when first asked for.
     */
    public static final class Context {
        private final Cli.Parsed args;
        private final Path root;
        private final Path cwd;
        private Kit kit;
        private Config config;

        Context(Cli.Parsed args, Path root, Path cwd) {
            this.args = args;
            this.root = root;
            this.cwd = cwd;
        }

        public Cli.Parsed args() {
            return args;
        }

        public Path root() {
            return root;
        }

        /** A path option, relative to where the user is. */
        public java.util.Optional<Path> path(String option) {
            return args.path(option).map(p -> cwd.resolve(p).normalize());
        }

        /** The i-th positional, a path relative to where the user is. */
        public Path positionalPath(int i) {
            return cwd.resolve(args.positional(i)).normalize();
        }

        Kit kit() throws IOException {
            if (kit == null) {
                kit = Kit.open(root, root.resolve("grader/target/kit"));
            }
            return kit;
        }

        Config config() throws IOException {
            if (config == null) {
                config = Config.load(path("--config").orElse(root.resolve("grader/grading.properties")));
            }
            return config;
        }
    }

    /** A subcommand: runs with its context, returns the exit code. */
    @FunctionalInterface
    interface Subcommand {
        int run(Context c) throws Exception;
    }

    /** The subcommands, by name: the same names as {@link Commands#kitProgram()} (GraderTest holds them equal). */
    static final Map<String, Subcommand> SUBCOMMANDS = subcommands();

    private static Map<String, Subcommand> subcommands() {
        Map<String, Subcommand> m = new LinkedHashMap<>();
        m.put("progress", c -> Progress.run(c.kit(), c.config(), c));
        m.put("check", c -> KitCheck.run(c.root(), c.args()));
        m.put("mutation", c -> Mutation.run(c.root(), c.args()));
        m.put("wrong-programs", c -> WrongPrograms.run(c.root(), c.args()));
        m.put("grade", Main::grade);
        m.put("grade-bench", c -> Bench.run(c.kit(), c.config(), c));
        m.put("grade-generate", c -> {
            int count = c.args().integer("--count").orElse(24);
            Path dir = c.positionalPath(0);
            new Generate(c.kit()).write(dir, count, c.args().integer("--seed").orElse(1));
            System.out.println("grader: wrote " + count + " submissions and expected.csv to " + dir);
            return 0;
        });
        m.put("classroom-workflow", c -> {
            System.out.print(Exports.classroom(c.kit(), c.config()));
            return 0;
        });
        m.put("student-edition", Main::studentEdition);
        m.put("gradescope-zip", c -> {
            Path zip = c.positionalPath(0);
            int files = Exports.gradescopeZip(c.kit(), zip);
            System.out.println("grader: wrote " + zip + " (" + files + " files: the kit, with setup.sh and "
                    + "run_autograder at its root); upload it as the Gradescope assignment's autograder");
            return 0;
        });
        return m;
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (Cli.Usage u) {
            System.err.println("dcchat: " + u.getMessage());
            System.exit(2);
        }
    }

    /** Runs one subcommand; its exit code. */
    static int run(String... args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(help());
            return 0;
        }
        Commands.Command cmd = Commands.kitProgram().stream().filter(c -> c.name().equals(args[0])).findFirst()
                .orElseThrow(() -> new Cli.Usage("the kit program has no command '" + args[0] + "' (try dcchat help)"));
        if (List.of(args).subList(1, args.length).stream().anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            System.out.print(Commands.line(cmd.spec().usage(), cmd.help()));
            return 0;
        }
        Cli.Parsed parsed = cmd.spec().parse(args, 1);
        Path cwd = parsed.path("--cwd").orElse(Path.of("")).toAbsolutePath();
        Path root = parsed.path("--kit").orElse(Path.of(".")).toAbsolutePath().normalize();
        if (!Files.exists(root.resolve("pom.xml"))) {
            throw new Cli.Usage("run the kit program from the kit's root folder (the one with pom.xml), or give --kit "
                    + "DIR (try dcchat help)");
        }
        if (Files.isDirectory(root.resolve(StudentEdition.STARTERS)) && cmd.teachers()) {
            throw new Cli.Usage(Commands.refusal(cmd.name()));
        }
        if (cmd.needsReference() && !Files.isDirectory(root.resolve("solutions"))) {
            throw new Cli.Usage(Commands.needsReference(cmd.name()));
        }
        return SUBCOMMANDS.get(cmd.name()).run(new Context(parsed, root, cwd));
    }

    /** The kit program's help: its commands' usage lines and help, from the command table. */
    static String help() {
        StringBuilder b = new StringBuilder("usage: java -cp @grader/target/classpath.txt dcchat.grader.Main COMMAND "
                + "[OPTIONS] [--cwd DIR] [--kit DIR]   (the same as ./dcchat COMMAND)\n");
        Commands.kitProgram().forEach(c -> b.append(Commands.line(c.spec().usage(), c.help())));
        return b.toString();
    }

    private static int studentEdition(Context c) throws Exception {
        Path dir = c.positionalPath(0);
        StudentEdition.Written written;
        try {
            written = new StudentEdition(c.kit()).write(dir, Exports.classroom(c.kit(), c.config()));
        } catch (StudentEdition.Refused r) {
            System.err.println("grader: " + r.getMessage());
            return 1;
        }
        System.out.println("grader: wrote the student edition to " + dir + " (" + written.files() + " files "
                + "from the kit, the starters for the grader, .github/workflows/classroom.yml); no solutions/, "
                + "no reference code or names (checked line by line)");
        System.out.println("  " + written.links().summary());
        written.links().broken().forEach(b -> System.out.println("    " + b));
        System.out.println("  next: cd " + dir + " && git init && git add -A && git commit -m \"DCChat "
                + "student edition\", push it and mark the repository as a template");
        return 0;
    }

    private static void fail(String message) {
        System.err.println("grader: " + message);
        System.exit(2);
    }

    static Grader.Modes mode(Cli.Parsed opt, String dflt) {
        return Grader.Modes.valueOf(opt.choice("--mode").orElse(dflt).toUpperCase(Locale.ROOT));
    }

    /** The unprivileged account student code runs as where bubblewrap cannot (Gradescope's setup.sh makes it). */
    static final String USER = "dcchat-student";

    /**
     * The sandbox for grading others' code: bubblewrap, or — only when the TA asks with --unsandboxed — none,
     * with a banner on every report. Without either, a sentence saying why and what to use instead.
     */
    static Sandbox sandbox(Cli.Parsed opt) {
        Sandbox detected = "user".equals(System.getenv("DCCHAT_SANDBOX"))
                ? Sandbox.none("DCCHAT_SANDBOX=user asks for the unprivileged-user fallback") : Sandbox.detect();
        if (!detected.enabled() && !opt.has("--unsandboxed")) {
            detected = Sandbox.userFallback(USER, detected.why());
        }
        if (opt.has("--unsandboxed")) {
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

    static int jobs(Cli.Parsed opt) {
        return opt.integer("--jobs").orElseGet(Main::defaultJobs);
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

    static int grade(Context c) throws Exception {
        Kit kit = c.kit();
        Config config = c.config();
        Cli.Parsed opt = c.args();
        Path out = c.path("--out").orElse(kit.root().resolve("grading-out")).toAbsolutePath();
        Path path = c.positionalPath(0);
        Sandbox sandbox = sandbox(opt);
        kit.prepare(config, sandbox, System.err);
        List<Grader.Submission> subs = Roster.find(path, kit);
        if (subs.isEmpty()) {
            fail("no submissions (folders or .zip files) in " + path);
        }
        Path work = out.resolve(".work");
        Trees.deleteTree(work);
        Grader grader = new Grader(kit, config, mode(opt, "both"), jobs(opt), !opt.has("--no-cache"), work,
                sandbox);
        System.out.printf(Locale.ROOT, "grader: %d submission(s) × %d step(s), mode %s, %d job(s), %s%n", subs.size(),
                kit.steps().size(), opt.choice("--mode").orElse("both"), jobs(opt), sandbox.describe());
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
