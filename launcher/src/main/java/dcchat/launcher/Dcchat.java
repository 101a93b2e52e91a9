package dcchat.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kit's commands, for every shell: {@code ./dcchat} (bash, zsh), {@code dcchat.cmd} (cmd) and {@code dcchat.ps1}
 * (PowerShell) all run this one file with the JDK ({@code java …/Dcchat.java ARGS}: no build first). It starts
 * Maven and Java as processes with argument lists, never through a shell, so nothing needs quoting in any shell.
 * {@link #plan} turns arguments into the commands to run; {@code DcchatTest} checks it without running them.
 */
public final class Dcchat {

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
              grade PATH | grade-bench | grade-generate DIR | student-edition DIR | gradescope-zip OUT.zip
              classroom-workflow             TAs (README "For TAs"); bench: bash only (./dcchat bench)
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

    /** Commands of the TAs' full kit; the student edition (it has grader/starter/) has none of them. */
    static final List<String> TA = List.of("check", "mutation", "bench", "grade", "grade-bench", "grade-generate",
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

        List<String> steps() throws IOException {
            Matcher m = Pattern.compile("<module>\\s*(step\\d+-[^<\\s]+)\\s*</module>")
                    .matcher(Files.readString(root.resolve("pom.xml")));
            List<String> steps = new ArrayList<>();
            while (m.find()) {
                steps.add(m.group(1));
            }
            return steps;
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

    private Dcchat() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("dcchat.home", ".")).toAbsolutePath().normalize();
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        Kit kit = new Kit(root, windows);
        String java = ProcessHandle.current().info().command().orElse("java");
        String cwd = Path.of("").toAbsolutePath().toString();
        Integer fresh = Compiled.ensure(root, java, args);
        if (fresh != null) {
            System.exit(fresh);
        }
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
            throw new Usage("'" + cmd + "' needs the full kit (with solutions/); this is the student edition. "
                    + "Yours: test, the run commands, demo and progress (try dcchat help).");
        }
        if (List.of("check", "mutation").contains(cmd) && !kit.hasReference()) {
            throw new Usage("'" + cmd + "' checks the tests against the reference, and the reference (solutions/) "
                    + "is not in this copy of the kit.");
        }
        List<String> rest = List.of(args).subList(Math.min(1, args.length), args.length);
        switch (cmd) {
            case "help", "-h", "--help" -> {
                return List.of(new Step(null, USAGE, null, null));
            }
            case "test" -> {
                return List.of(new Step(testCommand(kit, rest), null, null, null));
            }
            case "check", "mutation" -> {
                List<String> c = new ArrayList<>(List.of(java, "kit/" + (cmd.equals("check") ? "KitCheck" : "Mutation")
                        + ".java"));
                c.addAll(rest);
                return List.of(new Step(c, null, null, null));
            }
            case "demo" -> {
                return List.of(build(kit, "step5-gui", edition(kit, Options.parse(args, 1))), new Step(List.of(java,
                        "launcher/src/main/java/dcchat/launcher/Demo.java", "@step5-gui/target/classpath.txt"), null,
                        null, null));
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
                return List.of(new Step(kit.mvnw("-q", "-B", "-pl", "grader", "compile", "dependency:build-classpath",
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

    /** test STEP [FILTER] [--reference]: Maven on one step, its tests only (pom.xml: kit-only-named-steps-test). */
    static List<String> testCommand(Kit kit, List<String> args) throws Usage, IOException {
        List<String> pos = args.stream().filter(a -> !a.startsWith("--")).collect(Collectors.toList());
        boolean reference = args.contains("--reference");
        for (String a : args) {
            if (a.startsWith("--") && !a.equals("--reference")) {
                throw new Usage("unknown option " + a + " for test (try dcchat help)");
            }
        }
        if (pos.isEmpty() || pos.size() > 2) {
            throw new Usage("usage: dcchat test STEP [SECTION], e.g. dcchat test 3, or dcchat test 1 EchoingLines");
        }
        String step = step(kit, pos.get(0));
        if (reference && (kit.studentEdition() || !kit.hasReference())) {
            throw new Usage("--reference runs the tests on solutions/, and the reference is not in this copy of the kit.");
        }
        List<String> c = kit.mvnw("test", "-pl", step, "-am");
        if (reference) {
            c.add("-Psolutions");
        }
        if (pos.size() == 2) {
            c.add("-Dtest=" + filter(kit, step, pos.get(1)));
        }
        return c;
    }

    /** "3", "step3" or "step3-threads" → "step3-threads". */
    static String step(Kit kit, String given) throws Usage, IOException {
        List<String> steps = kit.steps();
        String key = given.replaceAll("[/\\\\]+$", "");
        for (String s : steps) {
            if (s.equals(key) || s.startsWith("step" + key + "-") || s.startsWith(key + "-")) {
                return s;
            }
        }
        throw new Usage("there is no step '" + given + "': steps are 1 to " + steps.size() + " ("
                + String.join(", ", steps) + ")");
    }

    /**
     * A section filter for surefire: "EchoingLines", "EchoServerTest$EchoingLines" or "EchoServerTest", each with
     * an optional "#method" → "EchoServerTest$EchoingLines#method" (a section two classes have: both, comma
     * separated). A name no test class has is a sentence that lists the step's sections.
     */
    static String filter(Kit kit, String step, String given) throws Usage, IOException {
        // cmd.exe passes quotes on ('EchoServerTest$EchoingLines' arrives with them): they are not part of a name.
        String[] parts = given.replaceAll("^['\"]|['\"]$", "").split("#", 2);
        String name = parts[0];
        String method = parts.length == 2 ? "#" + parts[1] : "";
        List<String> all = sections(kit.root().resolve(step).resolve("src/test/java"));
        List<String> hits = all.stream().filter(c -> c.equals(name) || c.endsWith("$" + name))
                .collect(Collectors.toList());
        if (hits.isEmpty()) {
            throw new Usage(step + " has no test class or section named '" + name + "'. Its sections: "
                    + all.stream().map(c -> c.substring(c.indexOf('$') + 1)).distinct().sorted()
                            .collect(Collectors.joining(", ")) + ".");
        }
        return hits.stream().map(h -> h + method).collect(Collectors.joining(","));
    }

    /** Every test class (file name) and nested class ("Outer$Nested") in a test folder, in file order. */
    static List<String> sections(Path tests) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(tests)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(tests)) {
            files = s.filter(p -> p.getFileName().toString().endsWith("Test.java")).sorted().collect(Collectors.toList());
        }
        Pattern nested = Pattern.compile("(?m)^\\s+(?:[a-z]+\\s+)*class\\s+(\\w+)");
        for (Path f : files) {
            String top = f.getFileName().toString().replace(".java", "");
            out.add(top);
            Matcher m = nested.matcher(Files.readString(f, StandardCharsets.UTF_8));
            while (m.find()) {
                out.add(top + "$" + m.group(1));
            }
        }
        return out;
    }

    /** --host, --port, --name, --mine, --reference of the run commands. */
    record Options(String host, String port, String name, boolean mine, boolean reference) {
        static Options parse(String[] args, int from) throws Usage {
            String host = "127.0.0.1";
            String port = "5000";
            String name = null;
            boolean mine = false;
            boolean reference = false;
            for (int i = from; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--mine" -> mine = true;
                    case "--reference" -> reference = true;
                    case "--host", "--port", "--name" -> {
                        if (i + 1 >= args.length) {
                            throw new Usage("option " + a + " needs a value");
                        }
                        String v = args[++i];
                        if (a.equals("--host")) {
                            host = v;
                        } else if (a.equals("--port")) {
                            port = v;
                        } else {
                            name = v;
                        }
                    }
                    default -> throw new Usage("unknown option " + a + " (try dcchat help)");
                }
            }
            return new Options(host, port, name, mine, reference);
        }
    }

    /** Runs the steps of a plan with the console attached. */
    static final class Runner {
        private Runner() {
        }

        static int run(Kit kit, List<Step> plan) throws IOException, InterruptedException {
            for (int i = 0; i < plan.size(); i++) {
                Step s = plan.get(i);
                if (s.command() == null) {
                    System.out.print(s.onFailure());
                    return 0;
                }
                if (s.announce() != null) {
                    System.err.println(s.announce());
                }
                Process p = new ProcessBuilder(s.command()).directory(kit.root().toFile()).inheritIO().start();
                // Ended by a signal (kill, a closed terminal), the launcher ends what it started: no orphan server.
                Thread stop = new Thread(p::destroy, "dcchat-stop-child");
                Runtime.getRuntime().addShutdownHook(stop);
                int exit = p.waitFor();
                Runtime.getRuntime().removeShutdownHook(stop);
                if (exit == 0 && s.module() != null) {
                    classpathFile(kit.root().resolve(s.module()), kit.pathSeparator());
                }
                if (i == plan.size() - 1) {
                    return exit;
                }
                if (exit != 0) {
                    System.err.println("dcchat: " + s.onFailure());
                    return 1;
                }
            }
            return 0;
        }

        /**
         * MODULE/target/classpath.txt, as Maven wrote it, holds the dependencies; this puts the module's own classes
         * first and quotes the line, making it a JDK argument file (java -cp @file: no length limit, no shell).
         */
        static void classpathFile(Path module, String sep) throws IOException {
            Path file = module.resolve("target/classpath.txt");
            String deps = Files.exists(file) ? Files.readString(file).strip() : "";
            String classes = module.resolve("target/classes").toString();
            String line = deps.isEmpty() ? classes : classes + sep + deps;
            Files.writeString(file, "\"" + line.replace("\\", "\\\\") + "\"\n");
        }
    }

    /**
     * The wrappers run launcher/target/classes when it holds Dcchat.class (a JVM starts in a fraction of the time
     * it takes to compile this file from source, each time), else this source file. Either way this keeps the
     * classes current: run from source, it compiles them for next time; run from classes older than the source,
     * it compiles them and runs the new ones (returning their exit code). Null: carry on in this JVM.
     */
    static final class Compiled {
        private Compiled() {
        }

        static Integer ensure(Path root, String java, String[] args) throws IOException, InterruptedException {
            Path source = root.resolve("launcher/src/main/java/dcchat/launcher/Dcchat.java");
            Path classes = root.resolve("launcher/target/classes");
            Path compiled = classes.resolve("dcchat/launcher/Dcchat.class");
            boolean fromSource = Dcchat.class.getProtectionDomain().getCodeSource() == null
                    || !Files.exists(compiled);
            if (!Files.exists(source) || (!fromSource && Files.getLastModifiedTime(compiled).compareTo(
                    Files.getLastModifiedTime(source)) >= 0)) {
                return null;
            }
            javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
            Path tmp = Files.createDirectories(root.resolve("launcher/target")).resolve("launcher-" + ProcessHandle
                    .current().pid());
            boolean ok = javac != null && javac.run(null, null, null, "--release", "17", "-nowarn", "-d", tmp.toString(),
                    source.toString()) == 0;
            if (ok) { // file by file, each replaced at once: a launcher starting meanwhile reads old or new, not half
                try (Stream<Path> files = Files.walk(tmp)) {
                    for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                        Path to = classes.resolve(tmp.relativize(f).toString());
                        Files.createDirectories(to.getParent());
                        Files.move(f, to, StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            }
            try (Stream<Path> left = Files.walk(tmp)) {
                left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            if (fromSource || !ok) {
                return null;
            }
            List<String> again = new ArrayList<>(List.of(java, "-Ddcchat.home=" + root, "-cp", classes.toString(),
                    Dcchat.class.getName()));
            again.addAll(List.of(args));
            return new ProcessBuilder(again).inheritIO().start().waitFor();
        }
    }
}
