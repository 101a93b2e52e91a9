package dcchat.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The end of a whole-kit {@code ./mvnw test} (no -pl): every step has run its tests with test failures ignored, so
 * that a failing step does not stop the steps after it (pom.xml, kit-whole-kit-reports-all). This module is built
 * last; it prints one line per step from the surefire reports written by this build, and fails the build if any
 * step's tests failed — a red test is never under BUILD SUCCESS.
 *
 * <p>Arguments: the kit's root, the build's start (maven.build.timestamp, in UTC to the second; older reports are not this build's), and
 * the value of maven.test.failure.ignore given on the command line (true: report, do not fail).
 */
public final class TestSummary {

    /** One step's counts in this build. */
    record Counts(String step, int tests, int failed, int skipped) {
    }

    private TestSummary() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        long since = java.time.Instant.parse(args[1]).toEpochMilli(); // maven.build.timestamp: the build's start, UTC
        boolean ignore = args.length > 2 && args[2].equals("true");
        List<Counts> steps = new ArrayList<>();
        for (String step : steps(root)) {
            Counts c = count(step, root.resolve(step).resolve("target/surefire-reports"), since);
            if (c != null) {
                steps.add(c);
            }
        }
        if (steps.isEmpty()) {
            return; // no step ran its tests in this build (-pl launcher, -DskipTests): nothing to report
        }
        System.out.println("Tests of every step in this build:");
        for (Counts c : steps) {
            System.out.printf(Locale.ROOT, "  %-18s %4d tests, %4d passed, %4d failed%s%n", c.step(), c.tests(),
                    c.tests() - c.failed() - c.skipped(), c.failed(), c.skipped() > 0 ? ", " + c.skipped() + " skipped" : "");
        }
        List<String> red = steps.stream().filter(c -> c.failed() > 0).map(Counts::step).collect(Collectors.toList());
        if (!red.isEmpty() && !ignore) {
            System.out.println("Tests failed in " + String.join(", ", red) + ": scroll up for each failure's message, "
                    + "or run one step: ./mvnw test -pl " + red.get(0) + " -am");
            System.exit(1);
        }
    }

    /** The step modules the root pom lists, in order. */
    static List<String> steps(Path root) throws IOException {
        return KitLayout.read(root).stepNames();
    }

    /** Counts the test cases of the reports written since {@code since}; null if there are none. */
    static Counts count(String step, Path reports, long since) throws IOException {
        if (!Files.isDirectory(reports)) {
            return null;
        }
        List<Path> xmls;
        try (Stream<Path> s = Files.list(reports)) {
            xmls = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).filter(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() >= since;
                } catch (IOException e) {
                    return false;
                }
            }).collect(Collectors.toList());
        }
        if (xmls.isEmpty()) {
            return null;
        }
        int tests = 0;
        int failed = 0;
        int skipped = 0;
        Pattern testcase = Pattern.compile("(?s)<testcase\\b(?:[^>]*/>|.*?</testcase>)");
        for (Path x : xmls) {
            Matcher m = testcase.matcher(Files.readString(x));
            while (m.find()) {
                String t = m.group();
                tests++;
                if (t.contains("<failure") || t.contains("<error")) {
                    failed++;
                } else if (t.contains("<skipped")) {
                    skipped++;
                }
            }
        }
        return new Counts(step, tests, failed, skipped);
    }
}
