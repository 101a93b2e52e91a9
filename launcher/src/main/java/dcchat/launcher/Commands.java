package dcchat.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kit's one command table: every {@code ./dcchat} command — its name, who it is for, where it runs, its
 * arguments ({@link Cli.Spec}) and its help line. {@code ./dcchat help} and the student edition's help are generated
 * from it; the launcher plans from it; the kit program ({@code dcchat.grader.Main}) runs exactly its
 * {@link Where#KIT_PROGRAM} commands, parsing them with the same specs; the wrappers (dcchat, dcchat.cmd,
 * dcchat.ps1) are checked against it by ScriptsTest. The run commands come from the step poms
 * ({@link KitLayout#runs()}): {@link #table(KitLayout)} adds them.
 */
public final class Commands {

    private Commands() {
    }

    /** Who a command is for: students have it in the student edition too; teachers only in the full kit. */
    public enum Audience {
        STUDENT, TEACHER
    }

    /** Where a command runs: in the launcher itself, in the kit program (the grader's Main), or in bash only. */
    public enum Where {
        LAUNCHER, KIT_PROGRAM, BASH
    }

    /**
     * One command.
     *
     * @param name           as typed after dcchat
     * @param audience       who has it
     * @param where          what runs it
     * @param spec           its arguments (the usage line is generated from them)
     * @param needsReference whether it refuses to run in a copy of the kit without solutions/
     * @param help           its help line in the full kit
     * @param studentHelp    its help line in the student edition (student commands only)
     */
    public record Command(String name, Audience audience, Where where, Cli.Spec spec, boolean needsReference,
                          String help, String studentHelp) {

        public boolean teachers() {
            return audience == Audience.TEACHER;
        }
    }

    /** --cwd and --kit: where the user is and the kit's root, passed by the launcher to every kit program command. */
    static final Cli.Spec KIT_PROGRAM_OPTIONS = Cli.Spec.of("").path("--cwd", "DIR").hidden().path("--kit", "DIR").hidden();

    private static Command student(Where where, Cli.Spec spec, String help, String studentHelp) {
        return new Command(spec.command(), Audience.STUDENT, where, where == Where.KIT_PROGRAM
                ? spec.withOptionsOf(KIT_PROGRAM_OPTIONS) : spec, false, help, studentHelp);
    }

    private static Command teacher(Where where, Cli.Spec spec, boolean needsReference, String help) {
        return new Command(spec.command(), Audience.TEACHER, where, where == Where.KIT_PROGRAM
                ? spec.withOptionsOf(KIT_PROGRAM_OPTIONS) : spec, needsReference, help, null);
    }

    /** The run commands' options: --port, --host and --name as their main takes them, --mine, --reference. */
    static Cli.Spec runSpec(KitLayout.Run r) {
        Cli.Spec s = Cli.Spec.of(r.command()).integer("--port", "P");
        if (r.placeholders().contains("HOST")) {
            s = s.text("--host", "H");
        }
        if (r.placeholders().contains("NAME")) {
            s = s.text("--name", "N");
        }
        return s.flag("--mine").fullKitOnly().flag("--reference").fullKitOnly();
    }

    /** The commands other than the run commands, in the help's order. */
    static final List<Command> FIXED = List.of(
            student(Where.LAUNCHER, Cli.Spec.of("help"), "this list", "this list"),
            student(Where.LAUNCHER, Cli.Spec.of("test").positional("STEP").optionalPositional("SECTION")
                            .flag("--reference").fullKitOnly().choice("--lang", "en", "es"),
                    "one step's tests: test 3; one section: test 1 EchoingLines; one test: test 1 EchoingLines#longLine; "
                            + "--reference: on solutions/; --lang es: messages in Spanish",
                    "one step's tests: test 3; one section: test 1 EchoingLines; one test: test 1 EchoingLines#longLine; "
                            + "--lang es: messages in Spanish"),
            student(Where.KIT_PROGRAM, Cli.Spec.of("progress").flag("--json").text("--step", "STEP").flag("--require-all")
                            .integer("--jobs", "N").path("--config", "FILE").choice("--lang", "en", "es"),
                    "per step: tests passed and what to read next (your code, run the way your TA will); --lang es",
                    "per step: tests passed and what to read next (your code, run the way your TA will); --lang es"),
            student(Where.LAUNCHER, Cli.Spec.of("demo").flag("--mine").fullKitOnly().flag("--reference").fullKitOnly(),
                    "a server and two chat windows, ana and bob (the reference; --mine: your code)",
                    "your server and two chat windows, ana and bob"),
            teacher(Where.KIT_PROGRAM, Cli.Spec.of("check").text("--step", "MODULE").repeatable().flag("--reference-only")
                            .flag("--lessons-only"), true,
                    "the kit check: every suite passes on the reference and fails on its starter; the lessons and links"),
            teacher(Where.KIT_PROGRAM, Cli.Spec.of("mutation").text("--step", "MODULE").repeatable()
                            .decimal("--threshold", "P").flag("--report-only"), true,
                    "PIT mutation testing of the reference (TESTING.md)"),
            teacher(Where.KIT_PROGRAM, Cli.Spec.of("wrong-programs").integer("--runs", "N").text("--only", "NAME")
                            .repeatable(), true,
                    "each step's suite against kit/wrong-programs.txt: every one caught"),
            teacher(Where.BASH, Cli.Spec.of("bench").flag("--mine").choice("--peer", "netty").integer("--repeat", "K"),
                    false, "capacity benchmark of the step 4 server (BENCHMARKS.md); takes BroadcastBench's options; "
                            + "--peer netty: side by side with a Netty server, medians of K runs each; bash only"),
            teacher(Where.KIT_PROGRAM, Cli.Spec.of("grade").positional("PATH").path("--out", "DIR")
                            .choice("--mode", "isolated", "cumulative", "both").integer("--jobs", "N").flag("--no-cache")
                            .path("--config", "FILE").flag("--unsandboxed"), true,
                    "grade submissions (a kit clone, a .zip of one, or a folder of them): README \"For TAs\""),
            teacher(Where.KIT_PROGRAM, Cli.Spec.of("grade-bench").integer("--submissions", "N").integer("--jobs", "N")
                            .choice("--mode", "isolated", "cumulative", "both").flag("--no-cache").path("--keep", "DIR")
                            .integer("--seed", "S").path("--config", "FILE").flag("--unsandboxed"), true,
                    "generate synthetic submissions, grade them, check the grades, time it"),
            teacher(Where.KIT_PROGRAM, Cli.Spec.of("grade-generate").positional("DIR").integer("--count", "N")
                            .integer("--seed", "S"), true,
                    "synthetic submissions and their expected.csv"),
            teacher(Where.KIT_PROGRAM, Cli.Spec.of("classroom-workflow").path("--config", "FILE"), false,
                    "print a GitHub Classroom autograding workflow for this kit's steps"),
            teacher(Where.KIT_PROGRAM, Cli.Spec.of("student-edition").positional("DIR").path("--config", "FILE"), true,
                    "export what students receive (no solutions/, checked line by line)"),
            teacher(Where.KIT_PROGRAM, Cli.Spec.of("gradescope-zip").positional("OUT.zip"), true,
                    "Gradescope's autograder: the kit, setup.sh, run_autograder"));

    /** Every command of this kit: {@link #FIXED}, with the run commands its step poms declare after progress. */
    public static List<Command> table(KitLayout layout) {
        List<Command> all = new ArrayList<>();
        for (Command c : FIXED) {
            all.add(c);
            if (c.name().equals("progress")) {
                for (KitLayout.Run r : layout.runs()) {
                    int n = layout.stepNames().indexOf(r.step()) + 1;
                    all.add(student(Where.LAUNCHER, runSpec(r), "step " + n + ": runs " + r.main(),
                            "step " + n + ": runs your " + r.main()));
                }
            }
        }
        return all;
    }

    /** The commands the kit program (dcchat.grader.Main) runs, in the help's order. */
    public static List<Command> kitProgram() {
        return FIXED.stream().filter(c -> c.where() == Where.KIT_PROGRAM).collect(Collectors.toList());
    }

    /** A command of {@link #FIXED} (not a run command) by name. */
    public static Optional<Command> named(String name) {
        return FIXED.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** What the student edition says to a teacher's command (the bash wrapper says the same for bench). */
    public static String refusal(String command) {
        return "'" + command + "' belongs to the teacher's kit; this is the student edition. "
                + "Yours: test, progress, the run commands and demo (try dcchat help).";
    }

    /** What a command that needs the reference says in a copy of the kit without it. */
    public static String needsReference(String command) {
        return "'" + command + "' needs the reference (solutions/), and the reference (solutions/) is not in this copy "
                + "of the kit.";
    }

    static final String SHELLS = "usage: dcchat COMMAND [OPTIONS]   (bash/zsh: ./dcchat   cmd: dcchat   "
            + "PowerShell: .\\dcchat.ps1)\n";

    /** The help: the full kit's (every command) or the student edition's (the students' commands, their options). */
    public static String help(List<Command> table, boolean studentEdition) {
        StringBuilder b = new StringBuilder(SHELLS);
        for (Audience a : Audience.values()) {
            List<Command> cs = table.stream().filter(c -> c.audience() == a).collect(Collectors.toList());
            if (cs.isEmpty() || (studentEdition && a == Audience.TEACHER)) {
                continue;
            }
            if (!studentEdition) {
                b.append(a == Audience.STUDENT ? "for everyone:\n" : "for teachers (need the full kit):\n");
            }
            for (Command c : cs) {
                b.append(line(c.spec().usage(studentEdition), studentEdition ? c.studentHelp() : c.help()));
            }
        }
        b.append(studentEdition
                ? "  run commands take --port P (default 5000), --host H (clients); they run your code, from\n"
                  + "  stepN/src/main/java\n"
                : "  run commands take --port P (default 5000), --host H (clients) and --mine (your own code from\n"
                  + "  stepN/src/main/java; without it the reference in solutions/, where this copy has it)\n");
        return b.toString();
    }

    /** "  usage        help": the help on the next line when the usage is long, wrapped at 112 columns. */
    public static String line(String usage, String help) {
        int col = 40;
        StringBuilder b = new StringBuilder("  ").append(usage);
        int at = b.length();
        if (usage.length() >= col - 3) {
            b.append('\n');
            at = 0;
        }
        for (String word : help.split(" ")) {
            if (at > col && at + 1 + word.length() > 112) {
                b.append('\n');
                at = 0;
            }
            if (at < col) {
                b.append(" ".repeat(col - at));
                at = col;
            } else {
                b.append(' ');
                at++;
            }
            b.append(word);
            at += word.length();
        }
        return b.append('\n').toString();
    }
}
