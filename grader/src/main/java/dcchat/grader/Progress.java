package dcchat.grader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dcchat.grader.Results.StepGrade;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import dcchat.launcher.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./dcchat progress}: a student's own working copy, graded as the TA would, with a pointer per step.
 *
 * <p>A row's pointer always names the step whose lesson it means ({@code step4-broadcast/README.md §1 The chat
 * server}), never a bare "README §1": in cumulative mode a step's tests run on the student's own earlier steps, so
 * a test of step 4 can fail in step 2's code. When it does — it hit step 2's stub ("Step 2: …"), or its failure
 * is in step 2's package while step 2 is unfinished — the row says so: "needs step 2 first: step2-framing/README.md
 * §4 Reading frames". Otherwise it points at this step's section the failing test belongs to (its {@code @Nested}
 * class's "§N Title"), the earliest such section: a lesson builds on its earlier sections.
 */
final class Progress {

    static final String DONE = "done ✓";
    /** {@link #DONE} in Spanish ({@code --lang es}). */
    static final String DONE_ES = "listo ✓";

    private Progress() {
    }

    /** The student's view: their own working copy, cumulative mode; per step passed / total and what to read next. */
    static int run(Kit all, Config config, Main.Context c) throws Exception {
        Cli.Parsed opt = c.args();
        String only = opt.text("--step").orElse(null);
        // One step: only it and the steps it builds on are prepared and graded.
        Kit kit = only == null ? all : Kit.open(all.root(), all.work(), List.of(all.step(only).name()));
        Sandbox none = Sandbox.none("./dcchat progress runs your own code, as ./mvnw test does");
        kit.prepare(config, none, System.err);
        Path work = kit.work().resolve("progress-work");
        Trees.deleteTree(work);
        Grader grader = new Grader(kit, config, Grader.Modes.CUMULATIVE, Main.jobs(opt), true, work, none);
        Results.Submission r = grader.grade(new Grader.Submission("me", kit.root()));
        grader.close();
        Trees.deleteTree(work);
        boolean spanish = opt.choice("--lang").map("es"::equals)
                .orElse("es".equalsIgnoreCase(System.getenv().getOrDefault("DCCHAT_LANG", "").strip()));
        Lessons lessons = Lessons.of(all, spanish);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Next> earlier = new HashMap<>();
        boolean allPass = true;
        for (StepGrade g : r.steps()) {
            StepOutcome o = g.scored();
            Next next = next(g.step(), o, lessons, earlier);
            earlier.put(g.step(), next);
            if (only != null && !g.step().equals(only)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", g.step());
            row.put("passed", o.passed());
            row.put("total", o.tests().size());
            row.put("points", Math.round(o.score() * 100) / 100.0);
            row.put("max_points", Math.round(o.max() * 100) / 100.0);
            row.put("status", Reports.statusText(o.status()));
            row.put("next", next.text());
            row.put("readme", next.readme());
            row.put("section", next.section());
            row.put("needs_step", next.needsStep());
            row.put("failing_test", next.failingTest());
            rows.add(row);
            allPass &= o.passed() == o.tests().size();
        }
        if (opt.has("--json")) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    Map.of("steps", rows,
                            "points", rows.stream().mapToDouble(x -> (Double) x.get("points")).sum(),
                            "max_points", rows.stream().mapToDouble(x -> (Double) x.get("max_points")).sum())));
        } else {
            System.out.println(lessons.say("DCChat progress — your code, each step built on your own earlier steps",
                    "DCChat progress — tu código, cada paso sobre tus propios pasos anteriores"));
            System.out.printf("%-18s %9s  %-9s  %s%n", lessons.say("step", "paso"), lessons.say("passed", "pasan"),
                    lessons.say("points", "puntos"), lessons.say("next", "qué sigue"));
            for (Map<String, Object> row : rows) {
                System.out.printf(Locale.ROOT, "%-18s %4s / %-3s  %-9s  %s%n", row.get("step"), row.get("passed"),
                        row.get("total"), Results.pts((Double) row.get("points")) + "/"
                                + Results.pts((Double) row.get("max_points")), row.get("next"));
            }
            System.out.println(lessons.say("Run one step's tests for the full messages: ./mvnw test -pl STEP -am",
                    "Corre los tests de un paso para ver los mensajes completos, en español: ./dcchat test N --lang es"));
        }
        return opt.has("--require-all") && !allPass ? 1 : 0;
    }

    /**
     * What a row says to do next, and for {@code --json} its parts: the lesson file ("step2-framing/README.md"), its
     * section ("§4 Reading frames"), the earlier step this one waits for ("step2-framing"), and the failing test
     * the pointer comes from; each null when it does not apply.
     */
    record Next(String text, String readme, String section, String needsStep, String failingTest) {

        static Next plain(String text) {
            return new Next(text, null, null, null, null);
        }

        boolean done() {
            return text.equals(DONE) || text.equals(DONE_ES);
        }
    }

    /**
     * What the pointers need to know of the kit: its steps in order, the step each Java package belongs to, and
     * each step's README.md sections by number ("## §4 Reading frames" gives 4 → "§4 Reading frames").
     */
    record Lessons(List<String> steps, Map<String, String> packages, Map<String, Map<Integer, String>> sections,
                   boolean spanish) {

        private static final Pattern HEADING = Pattern.compile("^## (§(\\d+) .+?)\\s*$");

        /** The English lessons. */
        Lessons(List<String> steps, Map<String, String> packages, Map<String, Map<Integer, String>> sections) {
            this(steps, packages, sections, false);
        }

        /** A step's lesson file: "step2-framing/README.md", or README.es.md in Spanish. */
        String readme(String step) {
            return step + (spanish ? "/README.es.md" : "/README.md");
        }

        /** The row's words in the student's language. */
        String say(String english, String spanish) {
            return this.spanish ? spanish : english;
        }

        static Lessons of(Kit kit) throws IOException {
            return of(kit, false);
        }

        /**
         * @param spanish whether the pointers name the Spanish lessons (README.es.md, whose headings show the
         *                English title too)
         */
        static Lessons of(Kit kit, boolean spanish) throws IOException {
            List<String> steps = kit.steps().stream().map(Kit.Step::name).toList();
            Map<String, String> packages = new HashMap<>();
            Map<String, Map<Integer, String>> sections = new HashMap<>();
            for (String step : steps) {
                for (Path src : List.of(kit.referenceSources(step), kit.root().resolve(step).resolve("src/main/java"))) {
                    for (Path f : Trees.javaFiles(src)) {
                        Path dir = src.relativize(f).getParent();
                        if (dir != null) {
                            packages.putIfAbsent(dir.toString().replace(f.getFileSystem().getSeparator(), "."), step);
                        }
                    }
                }
                Path readme = kit.root().resolve(step).resolve(spanish ? "README.es.md" : "README.md");
                sections.put(step, Files.isRegularFile(readme)
                        ? headings(Files.readString(readme, StandardCharsets.UTF_8)) : Map.of());
            }
            return new Lessons(steps, packages, sections, spanish);
        }

        /** A README's "## §N Title" headings by N. */
        static Map<Integer, String> headings(String readme) {
            Map<Integer, String> h = new TreeMap<>();
            for (String line : readme.split("\n")) {
                Matcher m = HEADING.matcher(line);
                if (m.matches()) {
                    h.putIfAbsent(Integer.parseInt(m.group(2)), m.group(1));
                }
            }
            return h;
        }

        /** "§4 Reading frames" from the step's README, else {@code fallback} when it names that section, else "§4". */
        String section(String step, int n, String fallback) {
            String h = sections.getOrDefault(step, Map.of()).get(n);
            if (h != null) {
                return h;
            }
            return fallback != null && fallback.startsWith("§" + n + " ") ? fallback.strip() : "§" + n;
        }

        /** "step2-framing" for 2, or null. */
        String step(int number) {
            return steps.stream().filter(s -> s.startsWith("step" + number + "-")).findFirst().orElse(null);
        }
    }

    /** A stub's message names its step and section: "Step 4: start the accept thread — see README §1 The chat server". */
    private static final Pattern STUB = Pattern.compile("UnsupportedOperationException: Step (\\d+):([^\\n]*)");
    /** The section a stub's "see README §N …" names (the first, when it names two). */
    private static final Pattern STUB_SECTION = Pattern.compile("README(?:\\.md)? §(\\d+)");
    /** A stack frame in a message: "at dcchat-step//dcchat.framing.FrameReader.readFrame(FrameReader.java:36)". */
    private static final Pattern FRAME = Pattern.compile("(?m)^\\s*at (?:[^\\s/(]*/)*([\\w$]+(?:\\.[\\w$]+)+)\\.[\\w$<>]+\\(");
    /** The lesson section a test belongs to: the first "§N Title" in its display path ("ChatServer › §2 Joining › …"). */
    private static final Pattern PATH_SECTION = Pattern.compile("(?:^| › )(§(\\d+)(?: [^›]*)?)(?= › |$)");
    /** A pointer in a test's message: "read step4-broadcast/README.md §7 The client library", or a bare "README §7". */
    private static final Pattern MESSAGE_SECTION = Pattern.compile("(?:(step\\d+-[\\w-]+)/)?README(?:\\.md)? §(\\d+)");

    /** One failing test, read as a pointer: the step whose lesson it needs, which section (0: none), and why. */
    private record Candidate(TestOutcome test, int order, String lesson, int stepIndex, int section, String title,
                             boolean earlier) {
    }

    /**
     * What to do next for a step: done, fix the compile error, or read a section. {@code earlier} holds the rows
     * already worked out for the steps before this one (a failure in an unfinished earlier step's code points at
     * that step's own next section).
     */
    static Next next(String step, StepOutcome o, Lessons lessons, Map<String, Next> earlier) {
        switch (o.status()) {
            case MISSING:
                return new Next(lessons.say("no code yet: start with ", "todavía no hay código: empieza por ")
                        + lessons.readme(step), lessons.readme(step), null, null, null);
            case COMPILE_ERROR:
                String first = o.compilerMessages().strip().split("\n")[0];
                return Next.plain(lessons.say("fix the compile error: ", "corrige el error de compilación: ") + first);
            case DEPENDENCY_BROKEN:
                String needs = lessons.steps().stream()
                        .filter(s -> !s.equals(step) && o.notes().stream().anyMatch(n -> n.contains(s)))
                        .findFirst().orElse(null);
                return new Next(o.notes().isEmpty() ? lessons.say("fix the earlier steps first",
                        "primero corrige los pasos anteriores") : o.notes().get(0), null, null, needs, null);
            default:
                break;
        }
        int own = lessons.steps().indexOf(step);
        Candidate best = null;
        Comparator<Candidate> order = Comparator.comparing((Candidate c) -> !c.earlier())
                .thenComparingInt(Candidate::stepIndex)
                .thenComparingInt(c -> c.section() == 0 ? Integer.MAX_VALUE : c.section())
                .thenComparingInt(Candidate::order);
        for (int i = 0; i < o.tests().size(); i++) {
            TestOutcome t = o.tests().get(i);
            if (t.passed()) {
                continue;
            }
            Candidate c = candidate(step, own, i, t, lessons, earlier);
            if (best == null || order.compare(c, best) < 0) {
                best = c;
            }
        }
        if (best == null) {
            return Next.plain(lessons.spanish() ? DONE_ES : DONE);
        }
        String readme = lessons.readme(best.lesson());
        String where = best.title() == null ? readme : readme + " " + best.title();
        String name = best.test().test().path();
        String failing = lessons.say("failing: \"", "falla: \"") + (name.length() > 90 ? name.substring(0, 90) + "…"
                : name) + "\"";
        String number = best.lesson().replaceAll("^step(\\d+)-.*", "$1");
        if (best.earlier()) {
            return new Next(lessons.say("needs step " + number + " first: ", "primero el paso " + number + ": ") + where
                    + " — " + failing, readme, best.title(), best.lesson(), name);
        }
        return new Next(lessons.say("read ", "lee ") + where + " — " + failing, readme, best.title(), null, name);
    }

    /** Which lesson a failing test needs: an earlier step's (its stub, or its unfinished code), else this step's. */
    private static Candidate candidate(String step, int own, int order, TestOutcome t, Lessons lessons,
                                       Map<String, Next> earlier) {
        String message = t.message() == null ? "" : t.message();
        Matcher stub = STUB.matcher(message);
        int ownStub = 0; // the section a stub of this very step cites: where that code is taught
        if (stub.find()) {
            String lesson = lessons.step(Integer.parseInt(stub.group(1)));
            int at = lesson == null ? -1 : lessons.steps().indexOf(lesson);
            if (at == own) {
                Matcher s = STUB_SECTION.matcher(stub.group(2));
                ownStub = s.find() ? Integer.parseInt(s.group(1)) : 0;
            }
            if (at >= 0 && at < own) {
                Matcher s = STUB_SECTION.matcher(stub.group(2));
                int n = s.find() ? Integer.parseInt(s.group(1)) : 0;
                return new Candidate(t, order, lesson, at, n, n == 0 ? null : lessons.section(lesson, n, null), true);
            }
        } else {
            Matcher frame = FRAME.matcher(message);
            while (frame.find()) {
                String cls = frame.group(1);
                String lesson = cls.contains(".")
                        ? lessons.packages().get(cls.substring(0, cls.lastIndexOf('.'))) : null;
                if (lesson == null) {
                    continue;
                }
                int at = lessons.steps().indexOf(lesson);
                Next theirs = earlier.get(lesson);
                if (at >= 0 && at < own && theirs != null && !theirs.done()) {
                    // Not a stub: the earlier step's code threw, and that step still fails tests of its own. Its
                    // row says where to read (which may be a step it needs in turn).
                    String target = theirs.needsStep() != null ? theirs.needsStep() : lesson;
                    int n = theirs.section() == null ? 0 : number(theirs.section());
                    return new Candidate(t, order, target, lessons.steps().indexOf(target), n, theirs.section(),
                            true);
                }
                break;
            }
        }
        Matcher p = PATH_SECTION.matcher(t.test().path());
        if (p.find()) {
            int n = Integer.parseInt(p.group(2));
            if (ownStub > 0 && ownStub < n) { // a §2 test that stops at a §1 stub (step 4's start()): read §1 first
                return new Candidate(t, order, step, own, ownStub, lessons.section(step, ownStub, null), false);
            }
            return new Candidate(t, order, step, own, n, lessons.section(step, n, p.group(1)), false);
        }
        // A test outside any lesson section: the section its message cites, if it is this step's (or unnamed).
        Matcher m = MESSAGE_SECTION.matcher(message);
        while (m.find()) {
            if (m.group(1) == null || m.group(1).equals(step)) {
                int n = Integer.parseInt(m.group(2));
                return new Candidate(t, order, step, own, n, lessons.section(step, n, null), false);
            }
        }
        return new Candidate(t, order, step, own, 0, null, false);
    }

    private static int number(String section) {
        Matcher m = Pattern.compile("^§(\\d+)").matcher(section);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

}
