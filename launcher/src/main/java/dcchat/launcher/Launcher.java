package dcchat.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kit's commands, for every shell: {@code ./dcchat} (bash, zsh), {@code dcchat.cmd} (cmd) and {@code dcchat.ps1}
 * (PowerShell) all start {@link Dcchat}, which keeps this package compiled and calls {@link #main}. It starts Maven
 * and Java as processes with argument lists, never through a shell, so nothing needs quoting in any shell.
 * {@link #plan} turns arguments into the commands to run; {@code LauncherTest} checks it without running them.
 */
public final class Launcher {

    static final String USAGE = """
            usage: dcchat COMMAND [OPTIONS]   (bash/zsh: ./dcchat   cmd: dcchat   PowerShell: .\\dcchat.ps1)
              test STEP [SECTION]            one step's tests, e.g. test 3, or test 1 EchoingLines (one section),
                                             test 1 EchoingLines#longLine (one test); add --reference for solutions/
              progress [--json]              per step: tests passed and what to read next
              echo-server | echo-client      step 1     framed-echo-server | framed-echo-client   step 2
              threaded-echo-server           step 3     server | client --name N                  step 4
              gui [--name N]                 step 5     demo   a server and two chat windows, ana and bob
                run commands take --port P (default 5000), --host H (clients) and --mine (your own code from
                stepN/src/main/java; without it the reference in solutions/, where this copy has it)
              check | mutation               the kit check; PIT mutation testing (need solutions/)
              wrong-programs [--runs N]      each step's suite against kit/wrong-programs.txt: every one caught
              grade PATH | grade-bench | grade-generate DIR | student-edition DIR | gradescope-zip OUT.zip
              classroom-workflow             TAs (README "For TAs"); bench: bash only (./dcchat bench)
              help                           this list
            """;

    /** The help of the student edition: only the commands that exist there, and no reference to choose. */
    static final String STUDENT_USAGE = """
            usage: dcchat COMMAND [OPTIONS]   (bash/zsh: ./dcchat   cmd: dcchat   PowerShell: .\\dcchat.ps1)
              test STEP [SECTION]            one step's tests, e.g. test 3, or test 1 EchoingLines (one section),
                                             test 1 EchoingLines#longLine (one test)
              progress [--json]              per step: tests passed and what to read next
              echo-server | echo-client      step 1     framed-echo-server | framed-echo-client   step 2
              threaded-echo-server           step 3     server | client --name N                  step 4
              gui [--name N]                 step 5     demo   your server and two chat windows, ana and bob
                run commands take --port P (default 5000) and --host H (clients); they run your code, from
                stepN/src/main/java
              help                           this list
            """;

    /** A run command: the step it is in, its main class, and whether it is a client (takes --host, --name). */
    record Run(String step, String main, boolean client, boolean named) {
    }

    static final Map<String, Run> RUNS = Map.of(
            "echo-server", new Run("step1-echo", "dcchat.echo.EchoServer", false, false),
            "echo-client", new Run("step1-echo", "dcchat.echo.EchoClient", true, false),
            "framed-echo-server", new Run("step2-framing", "dcchat.framing.FramedEchoServer", false, false),
            "framed-echo-client", new Run("step2-framing", "dcchat.framing.FramedClient", true, false),
            "threaded-echo-server", new Run("step3-threads", "dcchat.threads.ThreadedEchoServer", false, false),
            "server", new Run("step4-broadcast", "dcchat.broadcast.ChatServer", false, true),
            "client", new Run("step4-broadcast", "dcchat.broadcast.ConsoleClient", true, true),
            "gui", new Run("step5-gui", "dcchat.gui.ChatWindow", true, true));

    /** The kit's own single-file programs (kit/NAME.java), by command; they need the reference. */
    static final Map<String, String> KIT_PROGRAMS = Map.of("check", "KitCheck", "mutation", "Mutation",
            "wrong-programs", "WrongPrograms");

    /**
     * Every command {@link #plan} knows besides the run commands ({@link #RUNS}): the table {@code LauncherTest}
     * holds the help texts, the refusals of the student edition and the bash wrapper's own cases against.
     */
    static final List<String> COMMANDS = List.of("help", "test", "progress", "demo", "check", "mutation",
            "wrong-programs", "bench", "grade", "grade-bench", "grade-generate", "classroom-workflow", "student-edition",
            "gradescope-zip");

    /** Commands of the TAs' full kit; the student edition (it has grader/starter/) has none of them. */
    static final List<String> TA = List.of("check", "mutation", "wrong-programs", "bench", "grade", "grade-bench", "grade-generate",
            "classroom-workflow", "student-edition", "gradescope-zip");

    /** What the user got wrong, said in a sentence; exit code 2. */
    static final class Usage extends Exception {
        private static final long serialVersionUID = 1L;

        Usage(String sentence) {
            super(sentence);
        }
    }

    /** The kit's folder and what it holds. */
    record Kit(Path root, boolean windows) {
        boolean studentEdition() {
            return Files.isDirectory(root.resolve("grader/starter"));
        }

        boolean hasReference() {
            return Files.isDirectory(root.resolve("solutions"));
        }

        /** The step modules, in order (KitLayout). */
        List<String> steps() throws IOException {
            return KitLayout.read(root).stepNames();
        }

        List<String> mvnw(String... args) {
            // Relative: every command runs in the kit's folder, and a path with spaces would need cmd's quoting.
            List<String> c = new ArrayList<>(windows ? List.of("cmd", "/c", "mvnw.cmd") : List.of("./mvnw"));
            c.addAll(List.of(args));
            return c;
        }

        String pathSeparator() {
            return windows ? ";" : ":";
        }
    }

    /**
     * One thing to do: run {@code command} in the kit's folder; if it fails, say {@code onFailure} and stop. The
     * last step's exit code is the launcher's. A null command means: print {@code onFailure} and stop. A build of
     * {@code module} leaves its class path in MODULE/target/classpath.txt for {@code java -cp @…} (see Runner).
     */
    record Step(List<String> command, String onFailure, String module, String announce) {
    }

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("dcchat.home", ".")).toAbsolutePath().normalize();
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        Kit kit = new Kit(root, windows);
        String java = ProcessHandle.current().info().command().orElse("java");
        String cwd = Path.of("").toAbsolutePath().toString();
        try {
            System.exit(Runner.run(kit, plan(kit, java, cwd, args)));
        } catch (Usage u) {
            System.err.println("dcchat: " + u.getMessage());
            System.exit(2);
        }
    }

    /** The commands that {@code args} stand for, in order; the last one's exit code is the launcher's. */
    static List<Step> plan(Kit kit, String java, String cwd, String... args) throws Usage, IOException {
        String cmd = args.length == 0 ? "help" : args[0];
        if (kit.studentEdition() && TA.contains(cmd)) {
            throw new Usage("'" + cmd + "' belongs to the teacher's kit; this is the student edition. "
                    + "Yours: test, progress, the run commands and demo (try dcchat help).");
        }
        if (KIT_PROGRAMS.containsKey(cmd) && !kit.hasReference()) {
            throw new Usage("'" + cmd + "' checks the tests against the reference, and the reference (solutions/) "
                    + "is not in this copy of the kit.");
        }
        List<String> rest = List.of(args).subList(Math.min(1, args.length), args.length);
        switch (cmd) {
            case "help", "-h", "--help" -> {
                return List.of(new Step(null, kit.studentEdition() ? STUDENT_USAGE : USAGE, null, null));
            }
            case "test" -> {
                return List.of(new Step(Tests.command(kit, rest), null, null, null));
            }
            case "check", "mutation", "wrong-programs" -> {
                // A single-file program, with the launcher's classes on its class path: it reads the kit's layout
                // with KitLayout (imported; JDK 17's source launcher compiles one file, against the class path).
                List<String> c = new ArrayList<>(List.of(java, "-cp", kit.root().resolve("launcher/target/classes")
                        .toString(), "kit/" + KIT_PROGRAMS.get(cmd) + ".java"));
                c.addAll(rest);
                return List.of(new Step(c, null, null, null));
            }
            case "demo" -> {
                List<String> demo = List.of(java, "-cp", kit.root().resolve("launcher/target/classes").toString(),
                        "dcchat.launcher.Demo", "@step5-gui/target/classpath.txt");
                return List.of(build(kit, "step5-gui", edition(kit, Options.parse(args, 1))),
                        new Step(demo, null, null, null));
            }
            case "bench" -> throw new Usage("'bench' raises the open-file limit for 2,000 sockets: run it from bash "
                    + "(./dcchat bench; on Windows in WSL2).");
            case "progress", "grade", "grade-bench", "grade-generate", "classroom-workflow", "student-edition",
                    "gradescope-zip" -> {
                String sub = Map.of("grade-bench", "bench", "grade-generate", "generate", "classroom-workflow",
                        "classroom").getOrDefault(cmd, cmd);
                List<String> run = new ArrayList<>(List.of(java, "-cp", "@grader/target/classpath.txt",
                        "dcchat.grader.Main", sub, "--cwd", cwd));
                run.addAll(rest);
                // -am: the grader depends on the launcher module (KitLayout), built from source here too.
                return List.of(new Step(kit.mvnw("-q", "-B", "-pl", "grader", "-am", "compile", "dependency:build-classpath",
                        "-Dmdep.outputFile=target/classpath.txt", "-DincludeScope=runtime"),
                        "the build of the grader failed (see above).", "grader", null), new Step(run, null, null, null));
            }
            default -> {
                Run r = RUNS.get(cmd);
                if (r == null) {
                    throw new Usage("unknown command '" + cmd + "' (try dcchat help)");
                }
                Options o = Options.parse(args, 1);
                List<String> run = new ArrayList<>(List.of(java, "-cp", "@" + r.step() + "/target/classpath.txt",
                        r.main()));
                run.addAll(mainArgs(cmd, r, o));
                return List.of(build(kit, r.step(), edition(kit, o)), new Step(run, null, null, null));
            }
        }
    }

    /** The arguments each main method takes (they predate this launcher: steps 1–3 take positional ones). */
    static List<String> mainArgs(String cmd, Run r, Options o) {
        if (!r.named()) {
            return r.client() ? List.of(o.host(), o.port()) : List.of(o.port());
        }
        List<String> a = new ArrayList<>(r.client() ? List.of("--host", o.host(), "--port", o.port())
                : List.of("--port", o.port()));
        if (r.client() && o.name() != null) {
            a.addAll(List.of("--name", o.name()));
        }
        return a;
    }

    /** --mine: the student's code; --reference or nothing: solutions/, if this copy has it. */
    static String edition(Kit kit, Options o) throws Usage {
        if (o.mine()) {
            return "student";
        }
        if (kit.studentEdition()) {
            if (o.reference()) {
                throw new Usage("the student edition has no reference code: run your own code (it is the default).");
            }
            return "student";
        }
        if (!kit.hasReference()) {
            throw new Usage("the reference (solutions/) is not in this copy of the kit: add --mine to run your own "
                    + "code from stepN/src/main/java.");
        }
        return "reference";
    }

    /**
     * Builds a step quietly and writes its class path — its own classes first — to STEP/target/classpath.txt,
     * as one line that {@code java -cp @file} reads (a JDK argument file: no length limit, no quoting by a shell).
     */
    static Step build(Kit kit, String step, String edition) {
        List<String> c = kit.mvnw("-q", "-B");
        if (edition.equals("reference")) {
            c.add("-Psolutions");
        }
        c.addAll(List.of("-pl", step, "-am", "compile", "dependency:build-classpath",
                "-Dmdep.outputFile=target/classpath.txt", "-DincludeScope=runtime"));
        return new Step(c, "the build of " + step + " failed (see the compiler messages above).", step,
                "dcchat: building " + step + " (" + edition + " code) …");
    }

}
