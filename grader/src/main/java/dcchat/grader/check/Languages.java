package dcchat.grader.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kit's two languages, checked by {@code ./dcchat check}: every message a test can print exists in English and
 * in Spanish, both citing the same sections; every stub's message has its Spanish; and the Spanish — the lessons
 * and the messages — uses none of the forms the glossary (docs/glosario.md) rules out.
 *
 * <p>How the messages are found: a test writes each one as {@code say("english", "español")} (test support's
 * {@code Lesson.say}). This reads every step's tests and the test support as text, takes each {@code say(…)} call's
 * two arguments apart (string literals joined with {@code +}, and whatever else they concatenate), and compares the
 * literal text of the two. A message written the old way — {@code .as("…")}, {@code fail("…")},
 * {@code new AssertionError("…")} with a bare English literal — has no Spanish, and is reported where it is.
 */
final class Languages {

    /** The glossary, and the heading of its table of ruled-out forms. */
    static final String GLOSSARY = "docs/glosario.md";
    private static final String RULED_OUT = "## Formas que no usamos";

    /** Calls whose first argument is a message shown to the student, which must come from say(…). */
    private static final Pattern ONE_LANGUAGE = Pattern.compile(
            "(?:\\.as|\\.describedAs|\\.withFailMessage|\\.overridingErrorMessage|\\bfail|new AssertionError"
                    + "|\\bexplain)\\(\\s*\"");
    private static final Pattern SECTION = Pattern.compile("§(\\d+)");
    /** A row of the ruled-out table: its first column's stem, in backticks. */
    private static final Pattern TABLE_STEM = Pattern.compile("^\\|\\s*`([^`]+)`");
    /** A format specifier ({@code %s}, {@code %,d}, {@code %.1f}); "85 %" in prose is none. */
    private static final Pattern FORMAT = Pattern.compile("%(?:\\d+\\$)?[-#+0,(]*\\d*(?:\\.\\d+)?[sdfxXcbegn%]");
    private static final Pattern STUB = Pattern.compile("UnsupportedOperationException\\(\"Step [1-5]: (.+?) — see README "
            + "§\\d+ [^\"]*\"\\)");
    private static final Pattern STUB_ENTRY = Pattern.compile("Map\\.entry\\(\"((?:[^\"\\\\]|\\\\.)*)\",\\s*"
            + "\"((?:[^\"\\\\]|\\\\.)*)\"\\)");

    private final Path root;

    Languages(Path root) {
        this.root = root;
    }

    /** What was checked, for the kit check's summary line; and what is wrong. */
    record Report(int pairs, int stubs, int lessons, List<String> problems) {

        String summary() {
            return "languages: " + pairs + " test messages in English and Spanish, " + stubs + " stub messages, "
                    + lessons + " Spanish lessons held to " + GLOSSARY + (problems.isEmpty() ? "" : ": "
                    + problems.size() + " problem(s)");
        }
    }

    /**
     * Checks the messages of the given steps' tests and of the test support, the stubs of their starters, and
     * every Spanish lesson.
     *
     * @param steps the step modules
     * @return counts and problems, each naming a file (and a line where there is one)
     * @throws IOException if a file cannot be read
     */
    Report check(List<String> steps) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Pattern> ruledOut = ruledOut(problems);
        int pairs = 0;
        List<Path> tests = new ArrayList<>(javaFiles(root.resolve("test-support")));
        Map<Path, Map<String, String>> titles = new LinkedHashMap<>(); // a test file → its step's Spanish headings
        for (String step : steps) {
            Map<String, String> headings = spanishTitles(root.resolve(step).resolve("README.es.md"));
            for (Path f : javaFiles(root.resolve(step).resolve("src/test/java"))) {
                tests.add(f);
                titles.put(f, headings);
            }
        }
        for (Path file : tests) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String name = relative(file);
            Matcher bare = ONE_LANGUAGE.matcher(text);
            while (bare.find()) {
                problems.add(name + ":" + line(text, bare.start()) + " a message in English only ("
                        + bare.group().strip() + "…): write it as say(\"english\", \"español\")");
            }
            for (Call call : sayCalls(text)) {
                pairs++;
                String where = name + ":" + line(text, call.at());
                if (call.english().isBlank() || call.spanish().isBlank()) {
                    problems.add(where + " say(…) needs two string arguments, English then Spanish");
                    continue;
                }
                if (!sections(call.english()).equals(sections(call.spanish()))) {
                    problems.add(where + " the English cites " + sections(call.english()) + " but the Spanish "
                            + sections(call.spanish()) + ": both must send the student to the same section");
                }
                if (!formats(call.english()).equals(formats(call.spanish()))) {
                    problems.add(where + " the English has the placeholders " + formats(call.english())
                            + " but the Spanish " + formats(call.spanish()) + " (same ones, same order)");
                }
                glossary(call.spanish(), where, ruledOut, problems);
                Matcher also = SEE_ALSO_ES.matcher(call.spanish());
                while (also.find() && titles.containsKey(file)) {
                    String title = titles.get(file).get(also.group(1));
                    String cited = also.group(2).strip();
                    if (title == null || !(cited.startsWith(title) || title.startsWith(cited))) {
                        problems.add(where + " cites \"§" + also.group(1) + " " + also.group(2).strip() + "\", but "
                                + "the Spanish lesson's heading is " + (title == null ? "missing" : "\"§"
                                + also.group(1) + " " + title + "\""));
                    }
                }
            }
        }
        int stubs = stubs(steps, ruledOut, problems);
        int lessons = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path lesson : files.filter(p -> p.getFileName().toString().endsWith(".es.md"))
                    .filter(p -> !relative(p).contains("target/") && !relative(p).startsWith("."))
                    .sorted().collect(Collectors.toList())) {
                lessons++;
                List<String> lines = Files.readAllLines(lesson, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    glossary(lines.get(i), relative(lesson) + ":" + (i + 1), ruledOut, problems);
                }
            }
        }
        return new Report(pairs, stubs, lessons, problems);
    }

    /** "ver también §5 Clientes lentos": a Spanish cross-reference, to hold against README.es.md's headings. */
    private static final Pattern SEE_ALSO_ES = Pattern.compile("ver también §(\\d+) ([^\"\\n):;,.]+)");

    /** A Spanish lesson's "## §N Título (English title)" headings: N → "Título". */
    private static Map<String, String> spanishTitles(Path lesson) throws IOException {
        Map<String, String> titles = new LinkedHashMap<>();
        if (Files.exists(lesson)) {
            Matcher h = Pattern.compile("(?m)^## §(\\d+) (.+?)(?: \\([^()]*\\))?\\s*$")
                    .matcher(Files.readString(lesson, StandardCharsets.UTF_8));
            while (h.find()) {
                titles.put(h.group(1), h.group(2).strip());
            }
        }
        return titles;
    }

    /** Every stub of the steps' starters has a Spanish entry (not "TODO") in the test support's Stubs catalogue. */
    private int stubs(List<String> steps, Map<String, Pattern> ruledOut, List<String> problems) throws IOException {
        Path catalogue = root.resolve("test-support/java/dcchat/testing/Stubs.java");
        Map<String, String> spanish = new LinkedHashMap<>();
        if (Files.exists(catalogue)) {
            Matcher e = STUB_ENTRY.matcher(Files.readString(catalogue, StandardCharsets.UTF_8));
            while (e.find()) {
                spanish.put(e.group(1), e.group(2));
            }
        }
        int stubs = 0;
        for (String step : steps) {
            for (Path file : javaFiles(root.resolve(step).resolve("src/main/java"))) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher m = STUB.matcher(text);
                while (m.find()) {
                    stubs++;
                    String where = relative(file) + ":" + line(text, m.start());
                    String es = spanish.get(m.group(1));
                    if (es == null || es.isBlank() || es.equals("TODO")) {
                        problems.add(where + " the stub \"" + m.group(1) + "\" has no Spanish in "
                                + relative(catalogue));
                    } else {
                        glossary(es, where + " (its Spanish)", ruledOut, problems);
                    }
                }
            }
        }
        return stubs;
    }

    /**
     * The word stems of the glossary's table of ruled-out forms (first column, in backticks), each with the pattern
     * that finds it at the start of a word, in any case (compiled once: every Spanish line is held to all of them).
     */
    private Map<String, Pattern> ruledOut(List<String> problems) throws IOException {
        Path glossary = root.resolve(GLOSSARY);
        if (!Files.exists(glossary)) {
            problems.add(GLOSSARY + " is missing: the Spanish has no glossary to follow");
            return Map.of();
        }
        Map<String, Pattern> stems = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(glossary, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inTable = line.strip().equals(RULED_OUT);
            } else if (inTable && !line.startsWith("|---")) {
                Matcher stem = TABLE_STEM.matcher(line);
                if (stem.find()) {
                    String s = stem.group(1).toLowerCase(Locale.ROOT);
                    stems.put(s, Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(s),
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                }
            }
        }
        if (stems.isEmpty()) {
            problems.add(GLOSSARY + " has no \"" + RULED_OUT + "\" table with the ruled-out forms in backticks");
        }
        return stems;
    }

    /** Flags each ruled-out stem that begins a word of {@code spanish}. */
    private static void glossary(String spanish, String where, Map<String, Pattern> stems, List<String> problems) {
        stems.forEach((stem, pattern) -> {
            Matcher m = pattern.matcher(spanish);
            if (m.find()) {
                problems.add(where + " uses \"" + spanish.substring(m.start(), wordEnd(spanish, m.end())) + "\", which "
                        + GLOSSARY + " rules out (\"" + stem + "\")");
            }
        });
    }

    private static int wordEnd(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** One {@code say(english, spanish)} call: where it starts, and the literal text of each argument. */
    record Call(int at, String english, String spanish) {
    }

    /**
     * Finds every {@code say(} call (also {@code Lesson.say(}) in Java source and takes its two arguments apart at
     * the top-level comma, keeping the text of their string literals.
     */
    static List<Call> sayCalls(String source) {
        List<Call> calls = new ArrayList<>();
        Matcher m = Pattern.compile("(?<![\\w.])(?:Lesson\\.)?say\\(").matcher(source);
        while (m.find()) {
            if (insideLiteralOrComment(source, m.start())
                    || source.substring(source.lastIndexOf('\n', m.start()) + 1, m.start()).matches(".*\\bString\\s+")) {
                continue; // a "say(" in prose, or the method's own declaration
            }
            List<StringBuilder> args = new ArrayList<>(List.of(new StringBuilder()));
            int depth = 0;
            int i = m.end();
            for (; i < source.length(); i++) {
                char c = source.charAt(i);
                if (c == '"') {
                    int end = endOfLiteral(source, i);
                    args.get(args.size() - 1).append(unescape(source.substring(i + 1, end)));
                    i = end;
                } else if (c == '\'') {
                    i = source.indexOf('\'', i + (source.charAt(i + 1) == '\\' ? 3 : 2));
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    args.add(new StringBuilder());
                }
            }
            if (args.size() == 2 && !source.substring(m.end(), Math.min(i, source.length())).contains("\"")) {
                continue; // say(english, spanish) passing on two variables: the literals are checked where they are
            }
            calls.add(new Call(m.start(), args.get(0).toString(), args.size() == 2 ? args.get(1).toString() : ""));
        }
        return calls;
    }

    /** Whether position {@code at} is inside a string literal or a comment (a "say(" written in prose). */
    private static boolean insideLiteralOrComment(String source, int at) {
        int lineStart = source.lastIndexOf('\n', at) + 1;
        String before = source.substring(lineStart, at);
        if (before.strip().startsWith("*") || before.strip().startsWith("/*") || before.contains("//")) {
            return true;
        }
        boolean inString = false;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (c == '\\' && inString) {
                i++;
            } else if (c == '"') {
                inString = !inString;
            }
        }
        return inString;
    }

    private static int endOfLiteral(String source, int open) {
        for (int i = open + 1; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return source.length() - 1;
    }

    private static String unescape(String literal) {
        return literal.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
    }

    private static TreeSet<String> sections(String text) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = SECTION.matcher(text);
        while (m.find()) {
            found.add("§" + m.group(1));
        }
        return found;
    }

    private static List<String> formats(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = FORMAT.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static int line(String text, int offset) {
        int n = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }
}
