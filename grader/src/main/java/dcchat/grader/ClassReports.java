package dcchat.grader;

import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepGrade;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The class-level reports: {@code class.csv} (and {@code class-cumulative.csv}), one row per student, and
 * {@code summary.md}, the distribution per step and the most-failed tests. Per-student feedback is
 * {@link Reports}.
 */
public final class ClassReports {

    private ClassReports() {
    }

    /** The class CSV: header {@code student,<step>…,total}; one row per student; points with 2 decimals. */
    public static String csv(List<Results.Submission> subs, List<Kit.Step> steps, boolean cumulative) {
        StringBuilder b = new StringBuilder("student");
        steps.forEach(s -> b.append(',').append(s.name()));
        b.append(",total\n");
        for (Results.Submission s : subs) {
            b.append(csvField(s.student()));
            double total = 0;
            for (Kit.Step step : steps) {
                StepOutcome o = outcome(s, step.name(), cumulative);
                double v = o == null ? 0 : o.score();
                total += v;
                b.append(',').append(fmt(v));
            }
            b.append(',').append(fmt(total)).append('\n');
        }
        return b.toString();
    }

    /** The outcome a column shows: scored one, or the cumulative one when asked (the scored one if identical). */
    static StepOutcome outcome(Results.Submission s, String step, boolean cumulative) {
        for (StepGrade g : s.steps()) {
            if (g.step().equals(step)) {
                if (cumulative && g.other() != null && g.other().mode() == GradingMode.CUMULATIVE) {
                    return g.other();
                }
                return g.scored();
            }
        }
        return null;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", Math.round(v * 100) / 100.0);
    }

    private static String csvField(String s) {
        return s.matches("[A-Za-z0-9._@+-]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** The class summary: per step the distribution of scores, then the tests most students failed. */
    public static String summary(List<Results.Submission> subs, List<Kit.Step> steps) {
        String unprotected = subs.stream().flatMap(x -> x.notes().stream()).filter(n -> n.startsWith(Grader.UNPROTECTED))
                .findFirst().map(n -> "> **" + n + "**\n\n").orElse("");
        return unprotected + summaryBody(subs, steps);
    }

    private static String summaryBody(List<Results.Submission> subs, List<Kit.Step> steps) {
        StringBuilder b = new StringBuilder("# DCChat — class summary\n\n");
        b.append(subs.size()).append(" submissions.\n\n");
        b.append("| step | max | mean | median | min | best | 0 | ≤25% | ≤50% | ≤75% | <100% | 100% |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<String> names = new ArrayList<>(steps.stream().map(Kit.Step::name).collect(Collectors.toList()));
        names.add("total");
        for (String step : names) {
            List<Double> scores = new ArrayList<>();
            double max = 0;
            for (Results.Submission s : subs) {
                if (step.equals("total")) {
                    scores.add(s.total());
                    max = Math.max(max, s.max());
                } else {
                    StepOutcome o = outcome(s, step, false);
                    scores.add(o == null ? 0 : o.score());
                    max = Math.max(max, o == null ? 0 : o.max());
                }
            }
            scores.sort(Comparator.naturalOrder());
            int[] buckets = new int[6];
            for (double v : scores) {
                double f = max == 0 ? 0 : v / max;
                buckets[f <= 1e-9 ? 0 : f <= 0.25 ? 1 : f <= 0.5 ? 2 : f <= 0.75 ? 3 : f < 1 - 1e-9 ? 4 : 5]++;
            }
            double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double median = scores.isEmpty() ? 0 : scores.size() % 2 == 1 ? scores.get(scores.size() / 2)
                    : (scores.get(scores.size() / 2 - 1) + scores.get(scores.size() / 2)) / 2;
            b.append("| ").append(step).append(" | ").append(Results.pts(max)).append(" | ").append(Results.pts(mean))
                    .append(" | ").append(Results.pts(median)).append(" | ")
                    .append(Results.pts(scores.isEmpty() ? 0 : scores.get(0))).append(" | ")
                    .append(Results.pts(scores.isEmpty() ? 0 : scores.get(scores.size() - 1)));
            for (int k : buckets) {
                b.append(" | ").append(k);
            }
            b.append(" |\n");
        }
        b.append("\nColumns 0 … 100%: how many students scored that fraction of the step's points.\n");
        // Most-failed tests: over students whose step ran (not missing / not compiling), which tests failed most.
        Map<String, int[]> failed = new LinkedHashMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        for (Results.Submission s : subs) {
            for (StepGrade g : s.steps()) {
                if (g.scored().status() == Status.MISSING || g.scored().status() == Status.COMPILE_ERROR) {
                    continue;
                }
                for (TestOutcome t : g.scored().tests()) {
                    String name = g.step() + " › " + t.test().path();
                    int[] c = failed.computeIfAbsent(name, k -> new int[2]);
                    c[1]++;
                    if (!t.passed()) {
                        c[0]++;
                        String p = Reports.pointer(t.message());
                        if (p != null) {
                            example.putIfAbsent(name, p);
                        }
                    }
                }
            }
        }
        b.append("\n## Most-failed tests\n\n(among submissions whose step compiled and ran)\n\n");
        b.append("| failed | of | test | points at |\n|---|---|---|---|\n");
        failed.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .sorted((x, y) -> Integer.compare(y.getValue()[0], x.getValue()[0])).limit(15)
                .forEach(e -> b.append("| ").append(e.getValue()[0]).append(" | ").append(e.getValue()[1])
                        .append(" | ").append(Reports.cell(e.getKey())).append(" | ")
                        .append(example.getOrDefault(e.getKey(), "")).append(" |\n"));
        b.append("\n## Problems worth a look\n\n");
        int problems = 0;
        for (Results.Submission s : subs) {
            for (StepGrade g : s.steps()) {
                Status st = g.scored().status();
                if (st != Status.GRADED && st != Status.MISSING) {
                    b.append("- ").append(s.student()).append(" · ").append(g.step()).append(": ")
                            .append(Reports.statusText(st)).append('\n');
                    problems++;
                }
            }
        }
        if (problems == 0) {
            b.append("None: every submitted step compiled and its tests ran to the end.\n");
        }
        return b.toString();
    }
}
