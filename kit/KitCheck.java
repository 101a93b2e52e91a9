/*
 * DCChat kit check — proves that every step's test suite means something.
 *
 * For every step module it runs the step's tests twice:
 *   reference  every step compiled from solutions/   → every test must pass;
 *   starter    this step from its own src/main/java (the stubs), the steps before it from solutions/
 *              → the suite must fail, no test may pass, and it must fail because the stubs throw
 *                UnsupportedOperationException pointing at the README — not because it does not compile.
 * It checks the lessons too (as --lessons-only does, below), every Markdown link of the kit among them.
 * It prints one table and exits non-zero on any violation.
 *
 * Run it with only a JDK (17+), from the kit's root:   ./dcchat check   (dcchat.cmd check, .\dcchat.ps1 check)
 * It reads the kit's layout with dcchat.launcher.KitLayout, so it runs with the launcher's classes on its class path:
 * the launcher does that; by hand, once any ./dcchat command has compiled the launcher:
 *   java -cp launcher/target/classes kit/KitCheck.java
 * Options: --step step2-framing (repeatable) checks only those steps; --reference-only skips the starters;
 *          --lessons-only only checks the lessons: every README section cited by code and tests exists,
 *          every lesson's Spanish twin (README.es.md, HINTS.es.md) has the same sections and anchors, and
 *          every relative link in every Markdown file resolves (grader/src/main/java/dcchat/grader/Links.java).
 * Maven's full output goes to kit/logs/*.log; the table says which log to open.
 */

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import dcchat.launcher.KitLayout;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class KitCheck {

    /** What one run of one step's suite produced. */
    record Result(int tests, int passed, int failed, int skipped, double seconds, int stubFailures,
                  int timeouts, List<String> firstProblems, boolean ran) {

        static Result missing() {
            return new Result(0, 0, 0, 0, 0, 0, 0, List.of(), false);
        }
    }

    private static final Path ROOT = Paths.get("").toAbsolutePath();
    private static final Path LOGS = ROOT.resolve("kit/logs");

    public static void main(String[] args) throws Exception {
        List<String> only = new ArrayList<>();
        boolean referenceOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--step" -> only.add(args[++i]);
                case "--reference-only" -> referenceOnly = true;
                case "--lessons-only" -> {
                    List<String> problems = new ArrayList<>();
                    for (String step : stepModules()) {
                        problems.addAll(checkCitations(step));
                    }
                    problems.addAll(checkTranslations(stepModules()));
                    LinkCheck links = checkLinks();
                    problems.addAll(links.broken());
                    problems.forEach(p -> System.out.println("  ✗ " + p));
                    System.out.println(links.summary());
                    System.out.println(problems.isEmpty() ? "lessons: every cited README section exists, every "
                            + "Spanish lesson has its English twin's sections, and every link resolves" : "lessons: "
                            + problems.size() + " problem(s)");
                    System.exit(problems.isEmpty() ? 0 : 1);
                }
                case "-h", "--help" -> {
                    System.out.println("usage: ./dcchat check [--step MODULE]... [--reference-only] | "
                            + "--lessons-only");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        if (!Files.exists(ROOT.resolve("pom.xml")) || !Files.isDirectory(ROOT.resolve("solutions"))) {
            System.err.println("kit check: run me from the kit's root folder (the one with pom.xml and solutions/)");
            System.exit(2);
        }
        List<String> steps = stepModules();
        if (!only.isEmpty()) {
            for (String s : only) {
                if (!steps.contains(s)) {
                    throw new IllegalArgumentException("no step module " + s + "; steps are " + steps);
                }
            }
            steps = only;
        }
        Files.createDirectories(LOGS);

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
            // The grader's own tests (hostile submissions, Gradescope, the student edition) are not step tests and
            // this table does not read them: .ci/run runs them as a step of their own.
            refArgs.add("-pl");
            refArgs.add("!grader");
        }
        long t0 = System.nanoTime();
        int refExit = maven(refArgs, LOGS.resolve("reference.log"));
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
                int exit = maven(a, LOGS.resolve(log));
                starterWall.put(step, (System.nanoTime() - s0) / 1e9);
                Result r = results(step);
                starter.put(step, r);
                if (exit != 0 || !r.ran()) {
                    String why = Files.readString(LOGS.resolve(log)).contains("COMPILATION ERROR")
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
        // ... and every relative link in every Markdown file of the kit must resolve.
        LinkCheck links = checkLinks();
        System.out.println("· " + links.summary());
        violations.addAll(links.broken());

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
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    /**
     * Every "README §N" cited in a step's code or tests must be a "## §N …" heading of its README.md, and
     * a test constant such as "step2-framing/README.md §4 Reading frames" must match the heading's title.
     */
    static List<String> checkCitations(String step) throws IOException {
        List<String> problems = new ArrayList<>();
        Path readme = ROOT.resolve(step).resolve("README.md");
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
            Path d = ROOT.resolve(step).resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.walk(d)) {
                    s.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        Pattern cited = Pattern.compile("README(?:\\.md)? §(\\d+)");
        Pattern titled = Pattern.compile("README\\.md §(\\d+) ([^\"\\n]+)\"");
        for (Path src : sources) {
            String text = Files.readString(src);
            String name = ROOT.relativize(src).toString();
            Matcher m = cited.matcher(text);
            while (m.find()) {
                if (!headings.containsKey(m.group(1))) {
                    problems.add(name + " cites README §" + m.group(1) + ", which " + step + "/README.md lacks");
                }
            }
            Matcher t = titled.matcher(text);
            while (t.find()) {
                String title = headings.get(t.group(1));
                if (title != null && !title.equals(t.group(2).strip())) {
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
    static List<String> checkTraceLines(String step) throws IOException {
        List<String> problems = new ArrayList<>();
        Path tests = ROOT.resolve(step).resolve("src/test/java");
        Pattern trace = Pattern.compile("\\b([A-Z]\\w*Test)\\.(?:lambda\\$)?([A-Za-z_]\\w*?)(?:\\$\\d+)?:(\\d+)\\b");
        Pattern declaration = Pattern.compile("^\\s*(?:(?:private|public|protected|static|final|synchronized)\\s+)*"
                + "(?:<[^>]+>\\s+)?\\w[\\w.<>\\[\\], ?]*\\s+(\\w+)\\s*\\([^;]*$");
        for (String lesson : List.of("README.md", "README.es.md")) {
            Path readme = ROOT.resolve(step).resolve(lesson);
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
    static List<String> checkTranslations(List<String> steps) throws IOException {
        List<Path> lessons = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        for (String step : steps) {
            lessons.add(ROOT.resolve(step).resolve("README.md"));
            lessons.add(ROOT.resolve(step).resolve("HINTS.md"));
        }
        List<String> problems = new ArrayList<>();
        for (Path en : lessons) {
            if (!Files.exists(en)) {
                continue;
            }
            String base = en.getFileName().toString().replace(".md", "");
            Path es = en.resolveSibling(base + ".es.md");
            String name = ROOT.relativize(en).toString();
            String esName = ROOT.relativize(es).toString();
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

    /** What the link check said: its summary line ("links: …") and each broken link, file:line: [text](target) — why. */
    record LinkCheck(String summary, List<String> broken) {
    }

    /**
     * Every relative link in the kit's Markdown files resolves: files and anchors (grader/…/Links.java says how).
     * The checker is the grader's class dcchat.grader.Links, which the student edition's export runs too. This
     * program runs with only a JDK, before any build, so it cannot load the grader's compiled classes; Links uses
     * only the JDK, and runs here from its source with Java's source launcher, like this file: one checker, no copy.
     */
    static LinkCheck checkLinks() throws IOException, InterruptedException {
        Path source = ROOT.resolve("grader/src/main/java/dcchat/grader/Links.java");
        String java = ProcessHandle.current().info().command().orElse("java");
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        // The student edition's README (StudentEdition.STUDENT_READMES) is written at the edition's root: its links
        // resolve from there. The export checks them again where they land, with what the edition leaves out.
        Process p = new ProcessBuilder(java, "-Dsun.stdout.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                source.toString(), "--as", "docs/student-edition=.", ROOT.toString()).directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File(windows ? "NUL" : "/dev/null"))).start();
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .collect(Collectors.toList());
        int exit = p.waitFor();
        String summary = out.isEmpty() ? "" : out.get(out.size() - 1);
        if (exit > 1 || !summary.startsWith("links: ")) {
            return new LinkCheck("links: the link check did not run (exit " + exit + ")",
                    List.of("the link check (" + ROOT.relativize(source) + ") did not run (exit " + exit + "): "
                            + String.join(" | ", out)));
        }
        return new LinkCheck(summary, List.copyOf(out.subList(0, out.size() - 1)));
    }

    private static KitLayout layout;

    /**
     * The kit's layout: its steps, their packages, what each builds on, their mutation floors — read from the poms
     * by dcchat.launcher.KitLayout, which is on this program's class path (./dcchat check puts it there; by hand:
     * java -cp launcher/target/classes kit/KitCheck.java).
     */
    static KitLayout layout() throws IOException {
        if (layout == null) {
            layout = KitLayout.read(ROOT);
        }
        return layout;
    }

    /** The step modules listed in the root pom, in order. */
    static List<String> stepModules() throws IOException {
        return layout().stepNames();
    }

    /** "step2-framing" → "step2": the prefix of the module's source-override property. */
    static String stepKey(String step) throws IOException {
        return layout().step(step).key();
    }

    /** The Java package of a step's tests, e.g. dcchat.framing (the folder holding its first test). */
    static String testPackage(String step) throws IOException {
        Path tests = ROOT.resolve(step).resolve("src/test/java");
        try (Stream<Path> files = Files.walk(tests)) {
            Path first = files.filter(p -> p.toString().endsWith("Test.java")).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException(step + " has no *Test.java under src/test/java"));
            return tests.relativize(first.getParent()).toString().replace(File.separatorChar, '.');
        }
    }

    /** Runs the Maven Wrapper in batch mode, output to a log file. */
    static int maven(List<String> args, Path log) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        List<String> cmd = new ArrayList<>();
        if (windows) {
            cmd.add("cmd");
            cmd.add("/c");
            cmd.add("mvnw.cmd");
        } else {
            cmd.add("./mvnw");
        }
        cmd.add("-B");
        cmd.add("-ntp");
        cmd.addAll(args);
        Files.writeString(log, "$ " + String.join(" ", cmd) + System.lineSeparator());
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(windows ? "NUL" : "/dev/null")))
                .start();
        return p.waitFor();
    }

    /** Reads a step's surefire XML reports (counting test cases: suite totals are 0 with @Nested). */
    static Result results(String step) throws Exception {
        Path dir = ROOT.resolve(step).resolve("target/surefire-reports");
        if (!Files.isDirectory(dir)) {
            return Result.missing();
        }
        List<Path> xmls;
        try (Stream<Path> s = Files.list(dir)) {
            xmls = s.filter(p -> p.getFileName().toString().startsWith("TEST-") && p.toString().endsWith(".xml"))
                    .sorted().collect(Collectors.toList());
        }
        if (xmls.isEmpty()) {
            return Result.missing();
        }
        int tests = 0;
        int failed = 0;
        int skipped = 0;
        int stub = 0;
        int timeouts = 0;
        double seconds = 0;
        List<String> problems = new ArrayList<>();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        for (Path xml : xmls) {
            Document doc = f.newDocumentBuilder().parse(xml.toFile());
            seconds += parseDouble(doc.getDocumentElement().getAttribute("time"));
            NodeList cases = doc.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element tc = (Element) cases.item(i);
                tests++;
                if (tc.getElementsByTagName("skipped").getLength() > 0) {
                    skipped++;
                    continue;
                }
                Element problem = first(tc, "failure", "error");
                if (problem == null) {
                    continue;
                }
                failed++;
                String text = problem.getAttribute("type") + " " + problem.getAttribute("message") + " "
                        + problem.getTextContent();
                if (text.contains("UnsupportedOperationException") && text.contains("README")) {
                    stub++;
                }
                if (text.contains("TimeoutException") || text.contains("timed out after")) {
                    timeouts++;
                }
                if (problems.size() < 3) {
                    String msg = problem.getAttribute("message");
                    problems.add(tc.getAttribute("classname") + " › " + tc.getAttribute("name") + ": "
                            + (msg.length() > 160 ? msg.substring(0, 160) + "…" : msg).replace('\n', ' '));
                }
            }
        }
        int passed = tests - failed - skipped;
        return new Result(tests, passed, failed, skipped, seconds, stub, timeouts, problems, true);
    }

    private static Element first(Element parent, String... names) {
        for (String n : names) {
            NodeList l = parent.getElementsByTagName(n);
            if (l.getLength() > 0) {
                return (Element) l.item(0);
            }
        }
        return null;
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
