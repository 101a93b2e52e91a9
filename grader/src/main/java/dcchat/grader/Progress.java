package dcchat.grader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dcchat.grader.Results.StepGrade;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ./dcchat progress}: a student's own working copy, graded as the TA would, with a pointer per step. */
final class Progress {

    private Progress() {
    }

    /** The student's view: their own working copy, cumulative mode; per step passed / total and what to read next. */
    static int run(Kit all, Config config, Map<String, String> opt) throws Exception {
        String only = opt.get("--step");
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
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean allPass = true;
        for (StepGrade g : r.steps()) {
            if (only != null && !g.step().equals(only)) {
                continue;
            }
            StepOutcome o = g.scored();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", g.step());
            row.put("passed", o.passed());
            row.put("total", o.tests().size());
            row.put("points", Math.round(o.score() * 100) / 100.0);
            row.put("max_points", Math.round(o.max() * 100) / 100.0);
            row.put("status", Reports.statusText(o.status()));
            row.put("next", next(g.step(), o, all.steps().stream().map(Kit.Step::name).toList()));
            rows.add(row);
            allPass &= o.passed() == o.tests().size();
        }
        if (opt.containsKey("--json")) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    Map.of("steps", rows,
                            "points", rows.stream().mapToDouble(x -> (Double) x.get("points")).sum(),
                            "max_points", rows.stream().mapToDouble(x -> (Double) x.get("max_points")).sum())));
        } else {
            System.out.println("DCChat progress — your code, each step built on your own earlier steps");
            System.out.printf("%-18s %9s  %-9s  %s%n", "step", "passed", "points", "next");
            for (Map<String, Object> row : rows) {
                System.out.printf(Locale.ROOT, "%-18s %4s / %-3s  %-9s  %s%n", row.get("step"), row.get("passed"),
                        row.get("total"), Results.pts((Double) row.get("points")) + "/"
                                + Results.pts((Double) row.get("max_points")), row.get("next"));
            }
            System.out.println("Run one step's tests for the full messages: ./mvnw test -pl STEP -am");
        }
        return opt.containsKey("--require-all") && !allPass ? 1 : 0;
    }

    /** What to do next for a step: done, fix the compile error, or read the section its first failure cites. */
    /** A stub's message names its step: "Step 4: start the accept thread — see README §1 The chat server". */
    private static final Pattern STUB_STEP = Pattern.compile("UnsupportedOperationException: Step (\\d+):");

    static String next(String step, StepOutcome o, List<String> steps) {
        switch (o.status()) {
            case MISSING:
                return "no code yet: start with " + step + "/README.md";
            case COMPILE_ERROR:
                String first = o.compilerMessages().strip().split("\n")[0];
                return "fix the compile error: " + first;
            case DEPENDENCY_BROKEN:
                return o.notes().isEmpty() ? "fix the earlier steps first" : o.notes().get(0);
            default:
                break;
        }
        // The earliest README section any failure points at: lessons build on their earlier sections. A stub of
        // an earlier step ("Step 4: … see README §1 …", hit in cumulative mode) points at that step's lesson first.
        TestOutcome first = null;
        long firstKey = Long.MAX_VALUE;
        String where = null;
        for (TestOutcome t : o.tests()) {
            if (t.passed()) {
                continue;
            }
            String lesson = step;
            String p = Reports.pointer(t.message());
            Matcher stub = STUB_STEP.matcher(t.message());
            if (stub.find()) { // the stub's own pointer, not one the test's description may have before it
                lesson = steps.stream().filter(n -> n.startsWith("step" + stub.group(1) + "-")).findFirst().orElse(step);
                p = Reports.pointer(t.message().substring(stub.start()));
            }
            int section = p == null ? Integer.MAX_VALUE - 1 : Integer.parseInt(p.replaceAll(".*§(\\d+).*", "$1"));
            long key = (long) steps.indexOf(lesson) * Integer.MAX_VALUE + section;
            if (first == null || key < firstKey) {
                first = t;
                firstKey = key;
                where = p == null ? lesson + "/README.md"
                        : p.startsWith("README §") ? lesson + "/README.md" + p.substring("README".length())
                        : p.startsWith("README.md") ? lesson + "/" + p : p;
            }
        }
        if (first != null) {
            String name = first.test().path();
            return "read " + where + " — failing: \"" + (name.length() > 90 ? name.substring(0, 90) + "…" : name)
                    + "\"";
        }
        return "done ✓";
    }

}
