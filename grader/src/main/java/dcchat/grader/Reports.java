package dcchat.grader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepGrade;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
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

/**
 * Writes what the grader found: per student {@code <student>.md} (feedback) and
 * {@code gradescope/<student>/results.json}; for the class {@code class.csv} (one row per student, one
 * column per step, then total), {@code class-cumulative.csv} when cumulative scores were computed, and
 * {@code summary.md} (distribution per step, the most-failed tests).
 */
public final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern POINTER = Pattern.compile("((?:step\\d+-[\\w-]+/)?README(?:\\.md)? §\\d+"
            + "(?: [A-Z][\\w ,'-]*[\\w])?)");

    private Reports() {
    }

    public static void writeAll(List<Results.Submission> subs, List<Kit.Step> steps, Path out) throws IOException {
        Files.createDirectories(out);
        for (Results.Submission s : subs) {
            Files.writeString(out.resolve(s.student() + ".md"), feedback(s), StandardCharsets.UTF_8);
            Path gs = out.resolve("gradescope").resolve(s.student());
            Files.createDirectories(gs);
            JSON.writeValue(gs.resolve("results.json").toFile(), gradescope(s));
        }
        Files.writeString(out.resolve("class.csv"), ClassReports.csv(subs, steps, false), StandardCharsets.UTF_8);
        if (subs.stream().anyMatch(s -> s.steps().stream().anyMatch(g -> g.other() != null))) {
            Files.writeString(out.resolve("class-cumulative.csv"), ClassReports.csv(subs, steps, true), StandardCharsets.UTF_8);
        }
        Files.writeString(out.resolve("summary.md"), ClassReports.summary(subs, steps), StandardCharsets.UTF_8);
    }

    /** A student's Markdown feedback. */
    public static String feedback(Results.Submission s) {
        StringBuilder b = new StringBuilder();
        b.append("# DCChat — feedback for ").append(s.student()).append("\n\n");
        b.append("**Total: ").append(Results.pts(s.total())).append(" / ").append(Results.pts(s.max()))
                .append("**");
        GradingMode scoredMode = s.steps().isEmpty() ? GradingMode.ISOLATED : s.steps().get(0).scored().mode();
        b.append(" (").append(scoredMode.label()).append(" mode: ")
                .append(scoredMode == GradingMode.ISOLATED ? "each step is built on the reference code of the steps "
                        + "before it, so one broken step does not cost you the next"
                        : "each step is built on your own earlier steps").append(")\n\n");
        s.notes().forEach(n -> b.append("> ").append(text(n)).append("\n"));
        b.append("| step | points | tests passed | status |");
        boolean anyOther = s.steps().stream().anyMatch(StepGrade::modesDiffer);
        if (anyOther) {
            b.append(" on your own earlier steps (cumulative) |");
        }
        b.append("\n|---|---|---|---|").append(anyOther ? "---|" : "").append('\n');
        for (StepGrade g : s.steps()) {
            StepOutcome o = g.scored();
            b.append("| ").append(g.step()).append(" | ").append(Results.pts(o.score())).append(" / ")
                    .append(Results.pts(o.max())).append(" | ").append(o.passed()).append(" / ")
                    .append(o.tests().size()).append(" | ").append(statusText(o.status())).append(" |");
            if (anyOther) {
                b.append(' ').append(g.modesDiffer() ? Results.pts(g.other().score()) + " / "
                        + Results.pts(g.other().max()) + " (" + g.other().passed() + " passed, "
                        + statusText(g.other().status()) + ")" : "same").append(" |");
            }
            b.append('\n');
        }
        for (StepGrade g : s.steps()) {
            b.append('\n');
            stepSection(b, g.scored(), g.step());
            if (g.modesDiffer()) {
                b.append("\n#### ").append(g.step()).append(" built on your own earlier steps (cumulative mode)\n\n");
                b.append("Built on your own code for the steps before it, this step scores ")
                        .append(Results.pts(g.other().score())).append(" / ").append(Results.pts(g.other().max()))
                        .append(". Fix the earlier steps first: later steps use them.\n");
                if (g.other().status() == Status.GRADED) {
                    List<TestOutcome> extra = new ArrayList<>();
                    for (int i = 0; i < g.other().tests().size(); i++) {
                        if (!g.other().tests().get(i).passed() && g.scored().tests().get(i).passed()) {
                            extra.add(g.other().tests().get(i));
                        }
                    }
                    if (!extra.isEmpty()) {
                        b.append("\nTests that pass on the reference's earlier steps but fail on yours:\n\n");
                        extra.stream().limit(10).forEach(t -> failure(b, t));
                    }
                } else {
                    g.other().notes().forEach(n -> b.append("- ").append(text(n)).append('\n'));
                }
            }
        }
        return b.toString();
    }

    private static void stepSection(StringBuilder b, StepOutcome o, String step) {
        b.append("## ").append(step).append(" — ").append(Results.pts(o.score())).append(" / ")
                .append(Results.pts(o.max())).append("\n\n");
        if (o.tests().isEmpty()) {
            b.append("No tests.\n");
            return;
        }
        b.append(o.passed()).append(" of ").append(o.tests().size()).append(" tests pass. ")
                .append(statusText(o.status())).append(String.format(Locale.ROOT, " (%.1f s)", o.seconds()))
                .append(".\n");
        for (String n : o.notes()) {
            b.append("- ").append(text(n)).append('\n');
        }
        if (o.status() == Status.COMPILE_ERROR) {
            b.append("\nThe compiler says:\n\n");
            block(b, "", o.compilerMessages().strip());
            return;
        }
        if (o.status() == Status.MISSING || o.status() == Status.DEPENDENCY_BROKEN || o.status() == Status.SKIPPED) {
            return;
        }
        List<TestOutcome> failed = o.tests().stream().filter(t -> !t.passed()).collect(Collectors.toList());
        if (!failed.isEmpty()) {
            b.append("\n### Failed tests\n\n");
            failed.forEach(t -> failure(b, t));
        }
        if ((o.status() == Status.TIMEOUT || o.status() == Status.EXITED || o.status() == Status.CRASHED
                || o.status() == Status.TAMPERED)
                && !o.output().isBlank()) {
            String[] lines = o.output().strip().split("\n");
            int from = Math.max(0, lines.length - 20);
            b.append("\nThe last lines your code printed:\n\n");
            block(b, "", String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length)));
        }
    }

    private static void failure(StringBuilder b, TestOutcome t) {
        String msg = t.message().strip();
        if (msg.length() > 1200) {
            msg = msg.substring(0, 1200) + " …";
        }
        b.append("- **").append(cell(t.test().path())).append("** (").append(Results.pts(t.maxPoints())).append(" pt)\n");
        block(b, "  ", msg);
    }

    /**
     * Text that came from a submission (a thread's name in a note, say) as plain Markdown text: one line, every
     * character that Markdown gives a meaning escaped, so that it cannot add a heading, a table or a score.
     */
    static String text(String s) {
        StringBuilder t = new StringBuilder();
        for (char c : s.replace("\r", "").replace("\n", " ⏎ ").toCharArray()) {
            if ("\\`*_[]<>#|~".indexOf(c) >= 0) { // enough for no emphasis, link, HTML, heading or table
                t.append('\\');
            }
            t.append(Character.isISOControl(c) ? ' ' : c);
        }
        return t.toString();
    }

    /**
     * A fenced code block holding {@code body} verbatim: the fence is longer than any run of backticks in it, so
     * text from a submission cannot close the block and write Markdown of its own after it.
     */
    static void block(StringBuilder b, String indent, String body) {
        int longest = 0;
        for (int i = 0, run = 0; i < body.length(); i++) {
            run = body.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        b.append(indent).append(fence).append('\n');
        for (String line : body.split("\n", -1)) {
            b.append(indent).append(line.replace("\r", "")).append('\n');
        }
        b.append(indent).append(fence).append('\n');
    }

    /** Text safe inside a Markdown table cell: one line, pipes escaped. */
    static String cell(String s) {
        return s.replace("\r", "").replace("\n", " ⏎ ").replace("\t", " ").replace("|", "\\|");
    }

    static String statusText(Status s) {
        return switch (s) {
            case GRADED -> "tests ran";
            case COMPILE_ERROR -> "does not compile";
            case DEPENDENCY_BROKEN -> "an earlier step it builds on does not compile";
            case TIMEOUT -> "timed out (killed)";
            case EXITED -> "the JVM exited early (System.exit?)";
            case CRASHED -> "the test JVM crashed";
            case MISSING -> "no code submitted";
            case SKIPPED -> "not run (submission time limit)";
            case TAMPERED -> "tampered with or crashed (protocol broken)";
        };
    }

    /** The README section a failure points at ("step2-framing/README.md §4 Reading frames"), or null. */
    public static String pointer(String message) {
        Matcher m = POINTER.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /** Gradescope's results.json: top-level score, then one entry per test (name, score, max_score, status, output). */
    public static Map<String, Object> gradescope(Results.Submission s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", round(s.total()));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        StringBuilder summary = new StringBuilder();
        List<Map<String, Object>> tests = new ArrayList<>();
        for (StepGrade g : s.steps()) {
            StepOutcome o = g.scored();
            summary.append(g.step()).append(": ").append(Results.pts(o.score())).append(" / ")
                    .append(Results.pts(o.max())).append(" (").append(statusText(o.status())).append(")");
            if (g.modesDiffer()) {
                summary.append("; on your own earlier steps: ").append(Results.pts(g.other().score()));
            }
            summary.append('\n');
            for (TestOutcome t : o.tests()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", g.step() + " › " + t.test().path());
                e.put("score", round(t.points()));
                e.put("max_score", round(t.maxPoints()));
                e.put("status", t.passed() ? "passed" : "failed");
                String out = t.message();
                if (!t.passed() && o.status() == Status.COMPILE_ERROR) {
                    out = "does not compile:\n" + o.compilerMessages();
                }
                e.put("output", out.length() > 4000 ? out.substring(0, 4000) + " …" : out);
                e.put("visibility", "visible");
                tests.add(e);
            }
        }
        root.put("output", summary.toString());
        root.put("tests", tests);
        return root;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

}
