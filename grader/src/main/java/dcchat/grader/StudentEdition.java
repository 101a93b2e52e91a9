package dcchat.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Exports what students receive: a clean folder, ready to push as a GitHub template repository.
 *
 * <p>It holds the lessons (English and Spanish), the starter code, the tests and their support, the Maven
 * Wrapper, the {@code ./dcchat} script and the grader (for {@code ./dcchat progress}), and a GitHub Classroom
 * workflow in {@code .github/workflows/classroom.yml} that scores each step with the grader. It leaves out
 * everything that gives answers away or only serves the kit's authors: {@code solutions/}, the kit check,
 * CI, the benchmarks, the grader's own tests (they grade the reference) and its Gradescope setup.
 *
 * <p>The grader needs a compiled "reference" of every step to compile the tests against and to list them; in
 * the student edition that is a pristine copy of the starter code in {@link #STARTERS} (no answers: it is
 * what the students start from). {@link #leaks} proves the export holds no line of reference code.
 */
public final class StudentEdition {

    /** The student edition's own README.md and README.es.md (in the full kit; the export puts them at the root). */
    public static final String STUDENT_READMES = "docs/student-edition";

    /** Marks a passage of a Markdown file that only the full kit has (a teacher's note, a reference command). */
    static final String TEACHER_ONLY = "<!-- teacher-only";
    static final String TEACHER_ONLY_END = "<!-- /teacher-only -->";
    /** Starts a passage that only the student edition shows: an HTML comment in the full kit, text in the export. */
    static final String STUDENT_ONLY = "<!-- student-only";

    /**
     * What the student edition has none of, as Markdown may name it: the reference, its profile and option, the
     * teacher's files, folders and commands. No exported Markdown file may mention one ({@link #fullKitMentions}).
     */
    static final List<String> FULL_KIT_ONLY = List.of("solutions/", "-Psolutions", "--reference", "TESTING.md",
            "BENCHMARKS.md", ".ci/", "kit/", "benchmarks/", "dcchat check", "dcchat mutation", "dcchat bench",
            "wrong-programs", "grade-bench", "grade-generate", "student-edition", "gradescope-zip",
            "classroom-workflow", "dcchat grade ");

    /** Where the student edition keeps the pristine starters (relative to the kit's root). */
    public static final String STARTERS = "grader/starter";

    /** Left out of the export: paths relative to the kit's root, and any folder named so at any depth. */
    private static final List<String> LEFT_OUT = List.of("solutions", "kit", ".ci", "benchmarks", "BENCHMARKS.md",
            "TESTING.md", "grader/src/test", "grader/gradescope", "grader/classroom", ".github", STUDENT_READMES);
    private static final Set<String> LEFT_OUT_ANYWHERE = Set.of("target", ".git", ".idea", ".vscode",
            ".settings", "grading-out");

    /** A reference line "worth" protecting: long enough to be code, not an import, a comment or an annotation. */
    private static final Pattern TRIVIAL = Pattern.compile("^(import |package |//|/\\*|\\*|@|[}{);]+$).*");

    private final Kit kit;

    public StudentEdition(Kit kit) {
        this.kit = kit;
    }

    /** Writes the student edition to {@code out}, which must not exist or be empty; returns the files written. */
    public int write(Path out, String workflow) throws IOException, InterruptedException {
        if (kit.studentEdition()) {
            throw new IllegalStateException("this is already the student edition: export from the full kit");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty: export into a new folder");
                }
            }
        }
        int count = 0;
        Map<String, byte[]> files = kitFiles(kit.root());
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String rel = f.getKey();
            if (leftOut(rel)) {
                continue;
            }
            write(out.resolve(rel), rel.endsWith(".md")
                    ? forStudents(new String(f.getValue(), StandardCharsets.UTF_8), rel)
                            .getBytes(StandardCharsets.UTF_8)
                    : f.getValue());
            count++;
            // The pristine starters, again, for the grader (see the class comment).
            for (Kit.Step step : kit.steps()) {
                if (rel.startsWith(step.name() + "/src/main/java/")) {
                    write(out.resolve(STARTERS).resolve(rel), f.getValue());
                }
            }
        }
        for (String script : List.of("mvnw", "dcchat")) {
            if (Files.exists(out.resolve(script))) {
                makeExecutable(out.resolve(script));
            }
        }
        String pom = Files.readString(out.resolve("pom.xml"));
        pom = pom.replaceAll("\\n\\s*<module>benchmarks</module>", "")
                .replaceAll("(?s)\\n\\s*<profile>\\s*(<!--((?!-->).)*-->\\s*)?<id>mutation</id>.*?</profile>", "");
        // The solutions profile stays: without solutions/, its enforcer rule stops -Psolutions at once with a
        // sentence saying the reference is not here (without the profile, Maven would build the student's code).
        Files.writeString(out.resolve("pom.xml"), pom);
        Path wf = out.resolve(".github/workflows/classroom.yml");
        Files.createDirectories(wf.getParent());
        Files.writeString(wf, workflow);
        for (String readme : List.of("README.md", "README.es.md")) { // the student's README, not the teacher's
            String rel = STUDENT_READMES + "/" + readme;
            byte[] student = files.get(rel);
            if (student == null) {
                throw new IllegalStateException(rel + " is missing: the student edition's " + readme + " comes from it");
            }
            Files.writeString(out.resolve(readme), forStudents(new String(student, StandardCharsets.UTF_8), rel));
        }
        List<String> leaks = leaks(out);
        if (!leaks.isEmpty()) {
            throw new IllegalStateException("the export holds reference code (three lines of solutions/ in a row):\n  "
                    + String.join("\n  ", leaks));
        }
        List<String> mentions = fullKitMentions(out);
        if (!mentions.isEmpty()) {
            throw new IllegalStateException("the export's Markdown names what only the full kit has (mark the passage "
                    + TEACHER_ONLY + " -->):\n  " + String.join("\n  ", mentions));
        }
        return count;
    }

    /**
     * A Markdown file as the student edition shows it: every passage between {@code <!-- teacher-only … -->} and
     * {@code <!-- /teacher-only -->} left out (the marker lines too), and every {@code <!-- student-only}
     * … {@code -->} comment opened, its lines kept as text. The markers stand on lines of their own.
     *
     * @param markdown the file as the full kit has it
     * @param file     its path, for the message when a marker is not closed
     * @return the file for students
     */
    static String forStudents(String markdown, String file) {
        StringBuilder out = new StringBuilder();
        String open = null;
        int openedAt = 0;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (open == null && t.startsWith(TEACHER_ONLY)) {
                open = TEACHER_ONLY;
                openedAt = i + 1;
            } else if (open == null && t.equals(STUDENT_ONLY)) {
                open = STUDENT_ONLY;
                openedAt = i + 1;
            } else if (TEACHER_ONLY.equals(open) && t.equals(TEACHER_ONLY_END)) {
                open = null;
            } else if (STUDENT_ONLY.equals(open) && t.equals("-->")) {
                open = null;
            } else if (open == null && (t.startsWith(TEACHER_ONLY_END))) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": " + t + " closes nothing");
            } else if (!TEACHER_ONLY.equals(open)) {
                out.append(line).append(i + 1 < lines.length ? "\n" : "");
            }
        }
        if (open != null) {
            throw new IllegalStateException(file + ":" + openedAt + ": " + open + " is never closed");
        }
        return out.toString();
    }

    /**
     * Lines of the Markdown files under {@code dir} that name something only the full kit has
     * ({@link #FULL_KIT_ONLY}), as "file:line: what".
     */
    static List<String> fullKitMentions(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> md;
        try (Stream<Path> s = Files.walk(dir)) {
            md = s.filter(p -> p.toString().endsWith(".md")).filter(p -> Stream.of(dir.relativize(p).toString()
                    .split("[/\\\\]")).noneMatch(LEFT_OUT_ANYWHERE::contains)).sorted().collect(Collectors.toList());
        }
        for (Path f : md) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (String what : FULL_KIT_ONLY) {
                    if (lines.get(i).contains(what)) {
                        found.add(dir.relativize(f).toString().replace('\\', '/') + ":" + (i + 1) + ": " + what);
                    }
                }
            }
        }
        return found;
    }

    /**
     * The kit's files, path → content: in a git work tree, what HEAD holds ({@code git archive HEAD}: committed
     * files only, never a stray zip or a starter someone filled in to try their own code); elsewhere every
     * file below the root except build output and version-control folders.
     */
    static Map<String, byte[]> kitFiles(Path root) throws IOException, InterruptedException {
        Map<String, byte[]> files = new TreeMap<>();
        if (git(root, "rev-parse", "--is-inside-work-tree").strip().equals("true")) {
            Process p = new ProcessBuilder("git", "archive", "--format=zip", "HEAD").directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] zip = p.getInputStream().readAllBytes(); // all of it: git must not die of a closed pipe
            try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    if (!e.isDirectory()) {
                        files.put(e.getName(), in.readAllBytes());
                    }
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || files.isEmpty()) {
                throw new IOException("git archive HEAD failed in " + root + " (is anything committed?)");
            }
            return files;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (Stream.of(rel.split("/")).noneMatch(LEFT_OUT_ANYWHERE::contains)) {
                    files.put(rel, Files.readAllBytes(f));
                }
            }
        }
        return files;
    }

    /** git's output, or "" when git is missing or fails. */
    private static String git(Path dir, String... args) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path to, byte[] content) throws IOException {
        Files.createDirectories(to.getParent());
        Files.write(to, content);
    }

    static boolean leftOut(String rel) {
        for (String l : LEFT_OUT) {
            if (rel.equals(l) || rel.startsWith(l + "/")) {
                return true;
            }
        }
        for (String part : rel.split("/")) {
            if (LEFT_OUT_ANYWHERE.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static void makeExecutable(Path p) throws IOException {
        try {
            Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(p));
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException e) {
            p.toFile().setExecutable(true, false);
        }
    }

    /**
     * Files under {@code dir} that contain reference code: three significant lines of a solutions/ file, in a
     * row, found in a row in the file. A significant line is code (not an import, a comment, an annotation or
     * a lone brace) that the starters do not also have — signatures, fields and javadoc are shared by design —
     * and three lines the kit's tests also have in a row are no leak either. One common line ({@code } catch (IOException e) {}) proves nothing; three in a row are a copied body.
     * Each entry: "file: the first of the three lines".
     */
    public List<String> leaks(Path dir) throws IOException {
        Set<String> starterLines = new HashSet<>();
        for (Kit.Step step : kit.steps()) {
            for (Path f : Trees.javaFiles(kit.root().resolve(step.name()).resolve("src/main/java"))) {
                Files.readAllLines(f, StandardCharsets.UTF_8).forEach(l -> starterLines.add(l.strip()));
            }
        }
        Set<String> referenceRuns = new HashSet<>();
        for (Kit.Step step : kit.steps()) {
            for (Path f : Trees.javaFiles(kit.referenceSources(step.name()))) {
                referenceRuns.addAll(runs(significant(f, starterLines)));
            }
        }
        // The tests and their support are shown to students by design; an idiom they share with the reference
        // (test-support's TestServer has an accept loop too) is no leak.
        List<Path> tests = new ArrayList<>(Trees.javaFiles(kit.root().resolve("test-support/java")));
        for (Kit.Step step : kit.steps()) {
            tests.addAll(Trees.javaFiles(kit.root().resolve(step.name()).resolve("src/test/java")));
        }
        for (Path f : tests) {
            runs(significant(f, starterLines)).forEach(referenceRuns::remove);
        }
        List<String> found = new ArrayList<>();
        List<Path> files;
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) { // build output (target/) is not part of what ships
            all = s.filter(Files::isRegularFile).filter(p -> Stream.of(dir.relativize(p).toString().split("/"))
                    .noneMatch(LEFT_OUT_ANYWHERE::contains)).sorted().collect(Collectors.toList());
        }
        files = all.stream().filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        all.stream().map(p -> dir.relativize(p).toString())
                .filter(n -> n.matches("(?i).*\\.(zip|jar|war|class|tar|tgz|gz|7z)$"))
                .forEach(n -> found.add(n + ": an archive or class file (it could hold anything)"));
        for (Path f : files) {
            for (String run : runs(significant(f, starterLines))) {
                if (referenceRuns.contains(run)) {
                    found.add(dir.relativize(f) + ": " + run.replace("\n", " ⏎ "));
                    break; // one per file is enough to say where
                }
            }
        }
        return found;
    }

    private static List<String> significant(Path file, Set<String> starterLines) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = l.strip();
            if (t.length() >= 12 && !TRIVIAL.matcher(t).matches() && !starterLines.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Every three consecutive lines, joined. */
    private static List<String> runs(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 3 <= lines.size(); i++) {
            out.add(String.join("\n", lines.subList(i, i + 3)));
        }
        return out;
    }
}
