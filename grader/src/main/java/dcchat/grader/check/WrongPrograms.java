package dcchat.grader.check;

import dcchat.launcher.Cli;
import dcchat.launcher.KitLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./dcchat wrong-programs} — proves that each step's suite catches the mistakes listed in
 * kit/wrong-programs.txt (a default charset, a HashMap shared between threads, …) on every run, whatever the JVM's own
 * charset.
 *
 * <p>For every program in that file: copy the step's reference (solutions/STEP/src/main/java) to
 * kit/target/wrong/NAME, make the listed replacements (each must match exactly once), build the step from that copy
 * (the steps before it from solutions/) and run the listed tests: each test named in "fails" must fail. With --runs N
 * every program is run N times, and the same tests must pass N times out of N on the reference. --only NAME
 * (repeatable) runs only those programs. Maven's output goes to kit/logs/wrong-*.log.
 */
public final class WrongPrograms {

    record Program(String name, String step, List<Edits.Edit> edits, String tests, List<String> fails) {
    }

    /** One run's outcome for the tests it names: display name → failed? */
    record Outcome(Map<String, Boolean> failed, int exit) {
    }

    /** The kit, its layout and its Maven Wrapper. */
    private final Maven maven;

    private WrongPrograms(Maven maven) {
        this.maven = maven;
    }

    /** Runs the wrong programs of the kit at {@code root} with its parsed options; the exit code. */
    public static int run(Path root, Cli.Parsed args) throws Exception {
        return new WrongPrograms(new Maven(root)).run(args.integer("--runs").orElse(1), args.texts("--only"));
    }

    private int run(int runs, List<String> only) throws Exception {
        List<Program> programs = parse(Files.readAllLines(maven.root().resolve("kit/wrong-programs.txt")));
        if (!only.isEmpty()) {
            programs = programs.stream().filter(p -> only.contains(p.name())).collect(Collectors.toList());
        }
        Path logs = maven.logs();
        List<String> violations = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-36s %-16s %s%n", "wrong program", "step", "caught (runs in which every named test failed)");
        for (Program p : programs) {
            Path src = maven.root().resolve("kit/target/wrong").resolve(p.name());
            try {
                copyWithEdits(p, src);
            } catch (IllegalStateException e) {
                violations.add(p.name() + ": " + e.getMessage());
                continue;
            }
            int caught = 0;
            List<String> missed = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                Outcome o = run(p, src.toString(), logs.resolve("wrong-" + p.name() + ".log"));
                List<String> passed = new ArrayList<>();
                for (String f : p.fails()) {
                    List<Boolean> named = o.failed().entrySet().stream().filter(e -> e.getKey().startsWith(f))
                            .map(Map.Entry::getValue).collect(Collectors.toList());
                    if (named.isEmpty()) {
                        passed.add("\"" + f + "\" did not run (exit " + o.exit() + ")");
                    } else if (!named.contains(true)) {
                        passed.add("\"" + f + "\" passed");
                    }
                }
                if (passed.isEmpty()) {
                    caught++;
                } else {
                    missed.add("run " + r + ": " + String.join(", ", passed));
                }
            }
            System.out.printf(Locale.ROOT, "%-36s %-16s %d of %d%n", p.name(), p.step(), caught, runs);
            missed.forEach(m -> System.out.println("    ✗ " + m));
            if (caught < runs) {
                violations.add(p.name() + ": caught in " + caught + " of " + runs + " runs (see kit/logs/wrong-"
                        + p.name() + ".log)");
            }
        }
        if (runs > 1) {
            // The same selections on the reference: a test that fails there proves nothing about the wrong programs.
            Map<String, Program> byTests = new LinkedHashMap<>();
            programs.forEach(p -> byTests.putIfAbsent(p.step() + " " + p.tests(), p));
            for (Program p : byTests.values()) {
                int passed = 0;
                for (int r = 1; r <= runs; r++) {
                    String ref = maven.root().resolve("solutions").resolve(p.step()).resolve("src/main/java").toString();
                    Outcome o = run(p, ref, logs.resolve("wrong-reference-" + p.step() + ".log"));
                    if (o.exit() == 0 && !o.failed().isEmpty() && !o.failed().containsValue(true)) {
                        passed++;
                    }
                }
                System.out.printf(Locale.ROOT, "%-36s %-16s %d of %d passed%n", "reference: " + p.tests(), p.step(),
                        passed, runs);
                if (passed < runs) {
                    violations.add("reference " + p.step() + " " + p.tests() + ": passed " + passed + " of " + runs);
                }
            }
        }
        System.out.println();
        if (violations.isEmpty()) {
            System.out.println("WRONG PROGRAMS: every one caught in every run.");
        } else {
            System.out.println("WRONG PROGRAMS FAILED:");
            violations.forEach(v -> System.out.println("  ✗ " + v));
        }
        return violations.isEmpty() ? 0 : 1;
    }

    static List<Program> parse(List<String> lines) {
        List<Program> out = new ArrayList<>();
        String name = null;
        String step = null;
        String file = null;
        String tests = null;
        String replace = null;
        List<Edits.Edit> edits = new ArrayList<>();
        List<String> fails = new ArrayList<>();
        for (String raw : new ArrayList<>(lines) {{ add("== end"); }}) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("== ")) {
                if (name != null) {
                    if (step == null || tests == null || fails.isEmpty() || edits.isEmpty()) {
                        throw new IllegalArgumentException("wrong program " + name + " needs step, file, replace/with, "
                                + "tests and fails");
                    }
                    out.add(new Program(name, step, edits, tests, fails));
                }
                name = line.substring(3).strip();
                step = file = tests = replace = null;
                edits = new ArrayList<>();
                fails = new ArrayList<>();
                continue;
            }
            int colon = line.indexOf(':');
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "step" -> step = value;
                case "file" -> file = value;
                case "replace" -> replace = value;
                case "with" -> edits.add(new Edits.Edit(file, replace, value));
                case "tests" -> tests = value;
                case "fails" -> fails.add(value);
                default -> throw new IllegalArgumentException("unknown key " + key + " in wrong program " + name);
            }
        }
        return out;
    }

    void copyWithEdits(Program p, Path dest) throws IOException {
        if (Files.exists(dest)) {
            try (Stream<Path> s = Files.walk(dest)) {
                for (Path x : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(x);
                }
            }
        }
        Path from = maven.root().resolve("solutions").resolve(p.step()).resolve("src/main/java");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path x : s.collect(Collectors.toList())) {
                Path to = dest.resolve(from.relativize(x).toString());
                if (Files.isDirectory(x)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(x, to);
                }
            }
        }
        Edits.apply(dest, p.edits(), "solutions/" + p.step() + "/src/main/java/",
                "update kit/wrong-programs.txt to the reference");
    }

    Outcome run(Program p, String src, Path log) throws Exception {
        String key = maven.layout().step(p.step()).key(); // a step of the kit's maven.layout(), or a sentence saying not
        Path reports = maven.root().resolve(p.step()).resolve("target/surefire-reports");
        if (Files.isDirectory(reports)) {
            try (Stream<Path> s = Files.list(reports)) {
                for (Path x : s.collect(Collectors.toList())) {
                    Files.delete(x);
                }
            }
        }
        int exit = maven.run(List.of("test", "-Psolutions", "-D" + key + ".src=" + src, "-pl", p.step(), "-am",
                "-Dtest=" + p.tests(), "-Dsurefire.failIfNoSpecifiedTests=false", "-Dmaven.test.failure.ignore=true"),
                log);
        Map<String, Boolean> failed = new LinkedHashMap<>();
        for (BuildReports.TestCase tc : BuildReports.surefire(reports).cases()) {
            failed.merge(tc.name(), tc.failed(), Boolean::logicalOr);
        }
        return new Outcome(failed, exit);
    }
}
