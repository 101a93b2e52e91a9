package dcchat.grader.check;

import dcchat.grader.Links;
import dcchat.launcher.Cli;
import dcchat.launcher.KitLayout;
import java.io.File;
import java.io.IOException;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./dcchat check} — proves that every step's test suite means something.
 *
 * <p>For every step module it runs the step's tests twice:
 * <ul>
 *   <li>reference: every step compiled from solutions/ → every test must pass;</li>
 *   <li>starter: this step from its own src/main/java (the stubs), the steps before it from solutions/ → the suite
 *       must fail, no test may pass, and it must fail because the stubs throw UnsupportedOperationException pointing
 *       at the README — not because it does not compile.</li>
 * </ul>
 * It checks the lessons too (as --lessons-only does): every README section cited by code and tests exists, every
 * lesson's Spanish twin (README.es.md, HINTS.es.md) has the same sections and anchors, every message a test or a stub
 * prints exists in Spanish too and the Spanish follows the glossary ({@link Languages}), and every relative link in
 * every Markdown file resolves ({@link Links}). It prints one table and exits non-zero on any violation.
 * Options (declared in the launcher's command table, dcchat.launcher.Commands): --step MODULE (repeatable) checks
 * only those steps; --reference-only skips the starters; --lessons-only only checks the lessons. Maven's full
 * output goes to kit/logs/*.log; the table says which log to open.
 */
public final class KitCheck {

    /** What one run of one step's suite produced. */
    record Result(int tests, int passed, int failed, int skipped, double seconds, int stubFailures,
                  int timeouts, List<String> firstProblems, boolean ran) {

        static Result missing() {
            return new Result(0, 0, 0, 0, 0, 0, 0, List.of(), false);
        }
    }

    /** The kit, its layout and its Maven Wrapper. */
    private final Maven maven;

    KitCheck(Maven maven) {
        this.maven = maven;
    }

    /** Runs the check of the kit at {@code root} with its parsed options; the exit code. */
    public static int run(Path root, Cli.Parsed args) throws Exception {
        KitCheck check = new KitCheck(new Maven(root));
        return args.has("--lessons-only") ? check.lessons() : check.run(args.texts("--step"),
                args.has("--reference-only"));
    }

    /** --lessons-only: the citations, the translations and the links, without running a test. */
    private int lessons() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String step : stepModules()) {
            problems.addAll(checkCitations(step));
        }
        problems.addAll(checkTranslations(stepModules()));
        Languages.Report languages = new Languages(maven.root()).check(stepModules());
        problems.addAll(languages.problems());
        Links.Report links = checkLinks();
        links.broken().forEach(b -> problems.add(b.toString()));
        problems.forEach(p -> System.out.println("  ✗ " + p));
        System.out.println(languages.summary());
        System.out.println(links.summary());
        System.out.println(problems.isEmpty() ? "lessons: every cited README section exists, every "
                + "Spanish lesson has its English twin's sections, and every link resolves" : "lessons: "
                + problems.size() + " problem(s)");
        return problems.isEmpty() ? 0 : 1;
    }

    private int run(List<String> only, boolean referenceOnly) throws Exception {
        Path logs = maven.logs();
        List<String> steps = selected(maven.layout(), only);

        System.out.println("DCChat kit check — steps: " + String.join(", ", steps));
        List<String> violations = new ArrayList<>();

        // 1. Reference: every step from solutions/, one Maven run.
        System.out.println("· reference: building every step from solutions/ and running all tests …");
        List<String> refArgs = new ArrayList<>(List.of("clean", "test", "-Psolutions", "-Dmaven.test.failure.ignore=true"));
        if (!only.isEmpty()) {
            refArgs.add("-pl");
            refArgs.add(String.join(",", steps));
            refArgs.add("-am");
        } else {
            // The grader's own tests (hostile submissions, Gradescope, the student edition: about 5 minutes) are not
            // in this run: .ci/run runs them as a step of their own. The benchmark's and the launcher's are, in rows
            // of their own below the steps.
            refArgs.add("-pl");
            refArgs.add("!grader");
        }
        long t0 = System.nanoTime();
        int refExit = maven.run(refArgs, logs.resolve("reference.log"));
        double refWall = (System.nanoTime() - t0) / 1e9;
        Map<String, Result> reference = new LinkedHashMap<>();
        for (String step : steps) {
            reference.put(step, results(step));
        }
        if (refExit != 0) {
            violations.add("reference build failed (exit " + refExit + "): see kit/logs/reference.log");
        }

        // 2. Starter: one step at a time from its own src/main/java, the steps before it from solutions/.
        Map<String, Result> starter = new LinkedHashMap<>();
        Map<String, Double> starterWall = new LinkedHashMap<>();
        if (!referenceOnly) {
            for (String step : steps) {
                System.out.println("· starter:   " + step + " from its stubs, earlier steps from solutions/ …");
                String log = step + "-starter.log";
                List<String> a = List.of("clean", "test", "-Psolutions", "-D" + stepKey(step) + ".src=src/main/java",
                        "-pl", step, "-am", "-Dmaven.test.failure.ignore=true",
                        "-Dtest=" + testPackage(step) + ".**", "-Dsurefire.failIfNoSpecifiedTests=false");
                long s0 = System.nanoTime();
                int exit = maven.run(a, logs.resolve(log));
                starterWall.put(step, (System.nanoTime() - s0) / 1e9);
                Result r = results(step);
                starter.put(step, r);
                if (exit != 0 || !r.ran()) {
                    String why = Files.readString(logs.resolve(log)).contains("COMPILATION ERROR")
                            ? "does not compile" : "did not run (exit " + exit + ")";
                    violations.add(step + " starter " + why + ": see kit/logs/" + log);
                }
            }
        }

        // 3. Lessons: every README section a stub or a test cites must exist, with that title.
        for (String step : steps) {
            violations.addAll(checkCitations(step));
        }
        // ... and every Spanish lesson must have the same sections, in the same order, as its English twin.
        violations.addAll(checkTranslations(stepModules()));
        // ... every test message and stub message in both languages, and the Spanish as the glossary says ...
        Languages.Report languages = new Languages(maven.root()).check(stepModules());
        System.out.println("· " + languages.summary());
        violations.addAll(languages.problems());
        // ... and every relative link in every Markdown file of the kit must resolve.
        Links.Report links = checkLinks();
        System.out.println("· " + links.summary());
        links.broken().forEach(b -> violations.add(b.toString()));

        // 4. Verdicts.
        System.out.println();
        String head = String.format(Locale.ROOT, "%-18s %6s │ %-24s │ %-34s │ %s",
                "step", "tests", "reference  pass fail   s", "starter  pass fail   s  stub-msg", "verdict");
        System.out.println(head);
        System.out.println("─".repeat(head.length() + 4));
        int refPassed = 0;
        int refFailed = 0;
        for (String step : steps) {
            Result ref = reference.get(step);
            Result st = starter.getOrDefault(step, Result.missing());
            List<String> problems = new ArrayList<>();
            if (!ref.ran() || ref.tests() == 0) {
                problems.add("reference ran no test");
            } else if (ref.failed() > 0) {
                problems.add("reference: " + ref.failed() + " test(s) fail: " + String.join("; ", ref.firstProblems()));
            }
            if (ref.skipped() > 0 && "true".equals(System.getenv("CI"))) {
                problems.add("reference: " + ref.skipped() + " test(s) skipped in CI — every test must run there "
                        + "(step 5's window test needs a display: .ci/run starts Xvfb)");
            } else if (ref.skipped() > 0) {
                System.out.println("    note: " + step + ": " + ref.skipped() + " reference test(s) skipped here (no display?)");
            }
            if (!referenceOnly) {
                if (!st.ran() || st.tests() == 0) {
                    problems.add("starter ran no test");
                } else {
                    if (st.passed() > 0) {
                        problems.add("starter: " + st.passed() + " test(s) pass on the stubs — they test nothing the "
                                + "student writes");
                    }
                    if (st.stubFailures() == 0) {
                        problems.add("starter fails, but no failure comes from a stub's UnsupportedOperationException");
                    }
                }
                if (ref.ran() && st.ran() && ref.tests() != st.tests()) {
                    problems.add("reference ran " + ref.tests() + " tests but starter ran " + st.tests());
                }
            }
            refPassed += ref.passed();
            refFailed += ref.failed();
            String verdict = problems.isEmpty()
                    ? (referenceOnly ? "ok (reference PASS)" : "ok (starter FAIL, reference PASS)")
                    : "VIOLATION";
            System.out.println(String.format(Locale.ROOT, "%-18s %6d │ %-9s %4d %4d %5.1f │ %-8s %4d %4d %5.1f  %3d/%-3d │ %s",
                    step, ref.tests(),
                    ref.failed() == 0 && ref.tests() > 0 ? "PASS" : "FAIL", ref.passed(), ref.failed(), ref.seconds(),
                    referenceOnly ? "-" : (st.passed() == 0 && st.tests() > 0 ? "FAIL" : "PASS?"),
                    st.passed(), st.failed(), st.seconds(), st.stubFailures(), st.failed(),
                    verdict));
            for (String p : problems) {
                violations.add(step + ": " + p);
            }
            if (st.timeouts() > 0) {
                System.out.println("    note: " + st.timeouts() + " starter test(s) ended by a time limit, not by a stub");
            }
        }
        // 5. The kit's other modules that the reference run tested too (the benchmark, the launcher): no starter.
        if (only.isEmpty()) {
            for (String module : maven.layout().modules()) {
                if (steps.contains(module) || module.equals("grader")) {
                    continue;
                }
                Result r = results(module);
                String problem = !r.ran() || r.tests() == 0 ? "ran no test" : r.failed() > 0 ? r.failed()
                        + " test(s) fail: " + String.join("; ", r.firstProblems()) : r.skipped() > 0 ? r.skipped()
                        + " test(s) skipped" : null;
                refPassed += r.passed();
                refFailed += r.failed();
                System.out.println(String.format(Locale.ROOT, "%-18s %6d │ %-9s %4d %4d %5.1f │ %-34s │ %s",
                        module, r.tests(), problem == null ? "PASS" : "FAIL", r.passed(), r.failed(), r.seconds(),
                        "(kit tooling: no starter)", problem == null ? "ok (PASS)" : "VIOLATION"));
                if (problem != null) {
                    violations.add(module + ": " + problem);
                }
            }
        }
        System.out.println("─".repeat(head.length() + 4));
        System.out.printf(Locale.ROOT, "reference run %.0f s; starter runs %.0f s (Maven logs: kit/logs/)%n",
                refWall, starterWall.values().stream().mapToDouble(Double::doubleValue).sum());
        System.out.println("stub-msg: starter failures whose message is a stub's UnsupportedOperationException.");
        System.out.println();
        if (!violations.isEmpty()) {
            System.out.println("KIT CHECK FAILED:");
            violations.forEach(v -> System.out.println("  ✗ " + v));
        } else {
            System.out.println("KIT CHECK PASSED: every suite passes on the reference and fails on its starter.");
        }
        System.out.println("kit-check: " + refPassed + " passed, " + (refFailed + violations.size()) + " failed");
        return violations.isEmpty() ? 0 : 1;
    }

    /** The steps --step names (each must be a step of the kit), or every step when none is named. */
    static List<String> selected(KitLayout layout, List<String> only) throws Cli.Usage {
        for (String s : only) {
            if (!layout.stepNames().contains(s)) {
                throw new Cli.Usage("no step module " + s + "; steps are " + String.join(", ", layout.stepNames())
                        + " (try dcchat help)");
            }
        }
        return only.isEmpty() ? layout.stepNames() : List.copyOf(only);
    }

    /**
     * Every "README §N" cited in a step's code or tests must be a "## §N …" heading of its README.md, and a
     * section named with its title must match the heading's title: a {@code @Nested} class's
     * {@code @DisplayName("§4 Reading frames")} (where the tests name each section, once), a cross-reference
     * "see also §4 Reading frames", or a full "step2-framing/README.md §4 Reading frames".
     */
    List<String> checkCitations(String step) throws IOException {
        List<String> problems = new ArrayList<>();
        Path readme = maven.root().resolve(step).resolve("README.md");
        if (!Files.exists(readme)) {
            return List.of(step + ": README.md (the lesson) is missing");
        }
        Map<String, String> headings = new LinkedHashMap<>();
        Matcher h = Pattern.compile("(?m)^## §(\\d+) (.+)$").matcher(Files.readString(readme));
        while (h.find()) {
            headings.put(h.group(1), h.group(2).strip());
        }
        List<Path> sources = new ArrayList<>();
        for (String dir : List.of("src/main/java", "src/test/java")) {
            Path d = maven.root().resolve(step).resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.walk(d)) {
                    s.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        Pattern cited = Pattern.compile("README(?:\\.md)? §(\\d+)");
        Pattern titled = Pattern.compile("(?:README\\.md |@DisplayName\\(\"|see also )§(\\d+) ([A-Z][^\"\\n):]*)[\"):]");
        for (Path src : sources) {
            String text = Files.readString(src);
            String name = maven.root().relativize(src).toString();
            Matcher m = cited.matcher(text);
            while (m.find()) {
                if (!headings.containsKey(m.group(1))) {
                    problems.add(name + " cites README §" + m.group(1) + ", which " + step + "/README.md lacks");
                }
            }
            Matcher t = titled.matcher(text);
            while (t.find()) {
                String title = headings.get(t.group(1));
                if (title == null) {
                    problems.add(name + " names \"§" + t.group(1) + " " + t.group(2) + "\", which " + step
                            + "/README.md lacks");
                } else if (!title.equals(t.group(2).strip())) {
                    problems.add(name + " cites \"§" + t.group(1) + " " + t.group(2) + "\" but the README heading is \"§"
                            + t.group(1) + " " + title + "\"");
                }
            }
        }
        problems.addAll(checkTraceLines(step));
        return problems.stream().distinct().collect(Collectors.toList());
    }

    /**
     * Sample output in a lesson quotes stack-trace lines such as {@code ChatServerTest.startServer:66}: that line
     * of the test class must still be inside that method, or the sample has drifted from the code.
     */
    List<String> checkTraceLines(String step) throws IOException {
        List<String> problems = new ArrayList<>();
        Path tests = maven.root().resolve(step).resolve("src/test/java");
        Pattern trace = Pattern.compile("\\b([A-Z]\\w*Test)\\.(?:lambda\\$)?([A-Za-z_]\\w*?)(?:\\$\\d+)?:(\\d+)\\b");
        Pattern declaration = Pattern.compile("^\\s*(?:(?:private|public|protected|static|final|synchronized)\\s+)*"
                + "(?:<[^>]+>\\s+)?\\w[\\w.<>\\[\\], ?]*\\s+(\\w+)\\s*\\([^;]*$");
        for (String lesson : List.of("README.md", "README.es.md")) {
            Path readme = maven.root().resolve(step).resolve(lesson);
            if (!Files.exists(readme) || !Files.isDirectory(tests)) {
                continue;
            }
            Matcher m = trace.matcher(Files.readString(readme));
            while (m.find()) {
                Path source;
                try (Stream<Path> files = Files.walk(tests)) {
                    source = files.filter(f -> f.getFileName().toString().equals(m.group(1) + ".java")).findFirst()
                            .orElse(null);
                }
                String where = step + "/" + lesson + " quotes " + m.group();
                if (source == null) {
                    problems.add(where + ", but there is no " + m.group(1) + ".java");
                    continue;
                }
                List<String> lines = Files.readAllLines(source);
                int line = Integer.parseInt(m.group(3));
                String method = null;
                int declared = -1;
                for (int i = Math.min(line, lines.size()) - 1; i >= 0 && method == null; i--) {
                    Matcher d = declaration.matcher(lines.get(i));
                    if (d.find() && !lines.get(i).strip().startsWith("return") && !lines.get(i).contains(" new ")) {
                        method = d.group(1);
                        declared = i + 1;
                    }
                }
                if (declared == line) {
                    problems.add(where + ", but line " + line + " of " + m.group(1) + ".java declares " + method
                            + "(); a stack trace names a statement inside it: run the tests again and copy the line");
                } else if (line > lines.size() || !m.group(2).equals(method)) {
                    problems.add(where + ", but line " + line + " of " + m.group(1) + ".java is "
                            + (method == null || line > lines.size() ? "not in a method" : "in " + method + "()")
                            + ": run the tests again and copy the line");
                }
            }
        }
        return problems;
    }

    /**
     * Every lesson (the kit's README.md, each step's README.md and HINTS.md) has a Spanish twin X.es.md with the
     * same sections: the same {@code <a id>} anchors in the same order, each right above its {@code ## } heading,
     * the same §numbers (test messages cite sections by number, valid in both), and links to each other.
     */
    List<String> checkTranslations(List<String> steps) throws IOException {
        List<Path> lessons = new ArrayList<>(List.of(maven.root().resolve("README.md")));
        for (String step : steps) {
            lessons.add(maven.root().resolve(step).resolve("README.md"));
            lessons.add(maven.root().resolve(step).resolve("HINTS.md"));
        }
        List<String> problems = new ArrayList<>();
        for (Path en : lessons) {
            if (!Files.exists(en)) {
                continue;
            }
            String base = en.getFileName().toString().replace(".md", "");
            Path es = en.resolveSibling(base + ".es.md");
            String name = maven.root().relativize(en).toString();
            String esName = maven.root().relativize(es).toString();
            if (!Files.exists(es)) {
                problems.add(name + " has no Spanish version " + esName);
                continue;
            }
            List<String> enText = Files.readAllLines(en, StandardCharsets.UTF_8);
            List<String> esText = Files.readAllLines(es, StandardCharsets.UTF_8);
            List<String> enSections = sections(enText, name, problems);
            List<String> esSections = sections(esText, esName, problems);
            if (!enSections.equals(esSections)) {
                problems.add(esName + " sections " + esSections + " differ from " + name + "'s " + enSections
                        + " (anchor and §number of every \"## \" heading, in order)");
            }
            if (enText.stream().noneMatch(l -> l.contains("(" + base + ".es.md)"))) {
                problems.add(name + " does not link to its Spanish version " + base + ".es.md");
            }
            if (esText.stream().noneMatch(l -> l.contains("(" + base + ".md)"))) {
                problems.add(esName + " does not link back to " + base + ".md");
            }
        }
        return problems;
    }

    /** "s4 §4", "run-the-tests": each "## " heading's anchor (the line above it) and §number. */
    private static List<String> sections(List<String> lines, String name, List<String> problems) {
        List<String> out = new ArrayList<>();
        Pattern anchor = Pattern.compile("^<a id=\"([^\"]+)\"></a>$");
        Pattern number = Pattern.compile("^## (§\\d+) ");
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("## ")) {
                continue;
            }
            Matcher a = i > 0 ? anchor.matcher(lines.get(i - 1)) : null;
            if (a == null || !a.matches()) {
                problems.add(name + ":" + (i + 1) + " heading \"" + lines.get(i) + "\" has no <a id=\"…\"></a> line "
                        + "above it (the anchor both languages share)");
                continue;
            }
            Matcher n = number.matcher(lines.get(i));
            out.add(a.group(1) + (n.find() ? " " + n.group(1) : ""));
        }
        return out;
    }

    /**
     * Every relative link in the kit's Markdown files resolves: files and anchors ({@link Links}, the checker the
     * student edition's export runs too). The student edition's README ({@code docs/student-edition}) is written at
     * the edition's maven.root(): its links resolve from there (the export checks them again where they land).
     */
    Links.Report checkLinks() throws IOException {
        return Links.check(maven.root(), Map.of("docs/student-edition", "."));
    }

    /** The step modules listed in the maven.root() pom, in order. */
    List<String> stepModules() {
        return maven.layout().stepNames();
    }

    /** "step2-framing" → "step2": the prefix of the module's source-override property. */
    String stepKey(String step) {
        return maven.layout().step(step).key();
    }

    /** The Java package of a step's tests, e.g. dcchat.framing (the folder holding its first test). */
    String testPackage(String step) throws IOException {
        Path tests = maven.root().resolve(step).resolve("src/test/java");
        try (Stream<Path> files = Files.walk(tests)) {
            Path first = files.filter(p -> p.toString().endsWith("Test.java")).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException(step + " has no *Test.java under src/test/java"));
            return tests.relativize(first.getParent()).toString().replace(File.separatorChar, '.');
        }
    }

    /** A step's Surefire reports, as the table counts them. */
    Result results(String step) throws IOException {
        BuildReports.Surefire reports = BuildReports.surefire(maven.root().resolve(step).resolve("target/surefire-reports"));
        if (reports.cases().isEmpty()) {
            return Result.missing();
        }
        int failed = 0;
        int skipped = 0;
        int stub = 0;
        int timeouts = 0;
        List<String> problems = new ArrayList<>();
        for (BuildReports.TestCase tc : reports.cases()) {
            if (tc.skipped()) {
                skipped++;
                continue;
            }
            if (!tc.failed()) {
                continue;
            }
            failed++;
            String text = tc.type() + " " + tc.message() + " " + tc.trace();
            if (text.contains("UnsupportedOperationException") && text.contains("README")) {
                stub++;
            }
            if (text.contains("TimeoutException") || text.contains("timed out after")) {
                timeouts++;
            }
            if (problems.size() < 3) {
                String msg = tc.message();
                problems.add(tc.className() + " › " + tc.name() + ": "
                        + (msg.length() > 160 ? msg.substring(0, 160) + "…" : msg).replace('\n', ' '));
            }
        }
        int tests = reports.cases().size();
        return new Result(tests, tests - failed - skipped, failed, skipped, reports.seconds(), stub, timeouts, problems,
                true);
    }
}
