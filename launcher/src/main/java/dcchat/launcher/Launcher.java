package dcchat.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** The help: generated from the command table ({@link Commands}), the run commands from the step poms. */
    static String usage(Kit kit) throws IOException {
        return Commands.help(Commands.table(KitLayout.read(kit.root())), kit.studentEdition());
    }

    /** What the user got wrong, said in a sentence; exit code 2. */
    static final class Usage extends Cli.Usage {
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
        } catch (Cli.Usage u) {
            System.err.println("dcchat: " + u.getMessage());
            System.exit(2);
        }
    }

    /** The commands that {@code args} stand for, in order; the last one's exit code is the launcher's. */
    static List<Step> plan(Kit kit, String java, String cwd, String... args) throws Cli.Usage, IOException {
        String name = args.length == 0 || args[0].equals("-h") || args[0].equals("--help") ? "help" : args[0];
        KitLayout layout = KitLayout.read(kit.root());
        Commands.Command cmd = Commands.table(layout).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new Usage("unknown command '" + name + "' (try dcchat help)"));
        if (kit.studentEdition() && cmd.teachers()) {
            throw new Usage(Commands.refusal(name));
        }
        if (cmd.needsReference() && !kit.hasReference()) {
            throw new Usage(Commands.needsReference(name));
        }
        List<String> rest = List.of(args).subList(Math.min(1, args.length), args.length);
        Cli.Parsed o = cmd.spec().parse(rest); // every mistake is found here, before any build
        switch (cmd.where()) {
            case BASH -> throw new Usage("'" + name + "' raises the open-file limit for 2,000 sockets: run it from bash "
                    + "(./dcchat " + name + "; on Windows in WSL2).");
            case KIT_PROGRAM -> {
                // The kit program: the grader's Main, which runs every Where.KIT_PROGRAM command of the table under
                // the same name. -am: the grader depends on the launcher module (KitLayout, Cli, Commands).
                List<String> run = new ArrayList<>(List.of(java, "-cp", "@grader/target/classpath.txt",
                        "dcchat.grader.Main", name, "--cwd", cwd));
                run.addAll(rest);
                return List.of(new Step(kit.mvnw("-q", "-B", "-pl", "grader", "-am", "compile",
                        "dependency:build-classpath", "-Dmdep.outputFile=target/classpath.txt", "-DincludeScope=runtime"),
                        "the build of the grader failed (see above).", "grader", null), new Step(run, null, null, null));
            }
            default -> {
                return planHere(kit, java, layout, cmd, o);
            }
        }
    }

    /** The commands the launcher runs itself: help, test, demo, the run commands. */
    private static List<Step> planHere(Kit kit, String java, KitLayout layout, Commands.Command cmd, Cli.Parsed o)
            throws Cli.Usage, IOException {
        switch (cmd.name()) {
            case "help" -> {
                return List.of(new Step(null, usage(kit), null, null));
            }
            case "test" -> {
                return List.of(new Step(Tests.command(kit, o), null, null, null));
            }
            case "demo" -> {
                List<String> demo = List.of(java, "-cp", kit.root().resolve("launcher/target/classes").toString(),
                        "dcchat.launcher.Demo", "@step5-gui/target/classpath.txt");
                return List.of(build(kit, "step5-gui", edition(kit, o)), new Step(demo, null, null, null));
            }
            default -> {
                KitLayout.Run r = layout.run(cmd.name()).orElseThrow(() -> new IllegalStateException(
                        "the command table has " + cmd.name() + ", and no step pom declares it"));
                List<String> run = new ArrayList<>(List.of(java, "-cp", "@" + r.step() + "/target/classpath.txt",
                        r.main()));
                run.addAll(mainArgs(r, o));
                return List.of(build(kit, r.step(), edition(kit, o)), new Step(run, null, null, null));
            }
        }
    }

    /** The arguments the main method takes, from its pom's template (steps 1–3 take positional ones). */
    static List<String> mainArgs(KitLayout.Run r, Cli.Parsed o) {
        Map<String, String> values = new HashMap<>();
        values.put("PORT", Integer.toString(o.integer("--port").orElse(5000)));
        if (r.placeholders().contains("HOST")) {
            values.put("HOST", o.text("--host").orElse("127.0.0.1"));
        }
        if (r.placeholders().contains("NAME")) {
            o.text("--name").ifPresent(n -> values.put("NAME", n));
        }
        return r.arguments(values);
    }

    /** --mine: the student's code; --reference or nothing: solutions/, if this copy has it. */
    static String edition(Kit kit, Cli.Parsed o) throws Usage {
        if (o.has("--mine")) {
            return "student";
        }
        if (kit.studentEdition()) {
            if (o.has("--reference")) {
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
