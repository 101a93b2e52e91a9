package dcchat.grader;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import dcchat.launcher.KitLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

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
 * what the students start from). {@link #leaks} proves the export holds no reference code and no name only the
 * reference has, and {@link Links} that every relative link in its Markdown resolves.
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
            "classroom-workflow", "dcchat grade");

    /** Where the student edition keeps the pristine starters (relative to the kit's root). */
    public static final String STARTERS = "grader/starter";


    /**
     * Whether a broken link in the export stops it (true) or is only listed (false). The lessons link to
     * TESTING.md and BENCHMARKS.md, which the export leaves out: while those passages are being reworked for the
     * edition, flip this to let an export through with its broken links listed ({@code Main} prints them).
     */
    public static final boolean BROKEN_LINKS_STOP_THE_EXPORT = true;

    /** What an export wrote: the files from the kit, and what the link check found in it. */
    public record Written(int files, Links.Report links) {
    }

    /**
     * An export that must not be published: what gives the reference away ({@link #leaks}), what its Markdown
     * names that only the full kit has ({@link #fullKitMentions}), and its broken links when they stop the export.
     * The folder stays as written, to look at.
     */
    public static final class Refused extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        private final transient List<String> leaks;
        private final transient List<String> mentions;
        private final transient Links.Report links;

        Refused(Path dir, List<String> leaks, List<String> mentions, Links.Report links) {
            super(message(dir, leaks, mentions, links));
            this.leaks = List.copyOf(leaks);
            this.mentions = List.copyOf(mentions);
            this.links = links;
        }

        public List<String> leaks() {
            return leaks;
        }

        /** What its Markdown names that only the full kit has ({@link #fullKitMentions}). */
        public List<String> mentions() {
            return mentions;
        }

        public Links.Report links() {
            return links;
        }

        private static String message(Path dir, List<String> leaks, List<String> mentions, Links.Report links) {
            StringBuilder m = new StringBuilder("the export in " + dir + " must not be published (it stays there, "
                    + "to look at):");
            if (!leaks.isEmpty()) {
                m.append("\n  it gives the reference away (").append(leaks.size()).append("): reference code (three "
                        + "lines of solutions/ in a row), a name only the reference has, or an archive:");
                leaks.forEach(l -> m.append("\n    ").append(l));
            }
            if (!mentions.isEmpty()) {
                m.append("\n  its Markdown names what only the full kit has (").append(mentions.size())
                        .append("; mark the passage ").append(TEACHER_ONLY).append(" -->):");
                mentions.forEach(l -> m.append("\n    ").append(l));
            }
            if (!links.ok()) {
                m.append("\n  ").append(links.summary()).append(BROKEN_LINKS_STOP_THE_EXPORT
                        ? " (they stop the export: StudentEdition.BROKEN_LINKS_STOP_THE_EXPORT):"
                        : " (listed only: StudentEdition.BROKEN_LINKS_STOP_THE_EXPORT is off):");
                links.broken().forEach(b -> m.append("\n    ").append(b));
            }
            return m.toString();
        }
    }

    /** A reference line "worth" protecting: long enough to be code, not an import, a comment or an annotation. */
    private static final Pattern TRIVIAL = Pattern.compile("^(import |package |//|/\\*|\\*|@|[}{);]+$).*");

    private final Kit kit;
    /** What the export leaves out, as the root pom declares it (kit.edition.leftOut, kit.edition.leftOutAnywhere). */
    private final KitLayout.Edition edition;

    public StudentEdition(Kit kit) throws IOException {
        this.kit = kit;
        this.edition = KitLayout.read(kit.root()).edition();
    }

    /**
     * Writes the student edition to {@code out}, which must not exist or be empty, then checks it: {@link #leaks},
     * {@link #fullKitMentions} and {@link Links}. Throws {@link Refused} when the reference shows, when the
     * Markdown names what only the full kit has, or when a link is broken and {@link #BROKEN_LINKS_STOP_THE_EXPORT}.
     */
    public Written write(Path out, String workflow) throws IOException, InterruptedException {
        if (kit.studentEdition()) {
            throw new IllegalStateException("this is already the student edition: export from the full kit");
        }
        if (!edition.leftOut().contains("solutions") || !edition.leftOut().contains(STUDENT_READMES)) {
            throw new IllegalStateException(kit.root().resolve("pom.xml") + ": kit.edition.leftOut must name solutions "
                    + "and " + STUDENT_READMES + " (the reference; the student edition's own READMEs, written to its "
                    + "root)");
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
            if (isLeftOut(rel)) {
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
        // The solutions profile stays: without solutions/, its enforcer rule stops -Psolutions at once with a
        // sentence saying the reference is not here (without the profile, Maven would build the student's code).
        Files.writeString(out.resolve("pom.xml"), studentPom(Files.readString(out.resolve("pom.xml"))));
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
        List<String> mentions = fullKitMentions(out, edition.leftOutAnywhere());
        Links.Report links = Links.check(out);
        if (!leaks.isEmpty() || !mentions.isEmpty() || (BROKEN_LINKS_STOP_THE_EXPORT && !links.ok())) {
            throw new Refused(out, leaks, mentions, links);
        }
        return new Written(count, links);
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
            if (t.startsWith(STUDENT_ONLY) && !t.equals(STUDENT_ONLY)) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": write " + STUDENT_ONLY
                        + " alone on its line (its text on the lines below, then --> alone)");
            }
            if (open != null && (t.startsWith(TEACHER_ONLY) || t.equals(STUDENT_ONLY))) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": " + t + " inside the " + open
                        + " passage opened at line " + openedAt + ": passages do not nest");
            }
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
    static List<String> fullKitMentions(Path dir, List<String> leftOutAnywhere) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> md;
        try (Stream<Path> s = Files.walk(dir)) {
            md = s.filter(p -> p.toString().endsWith(".md")).filter(p -> Stream.of(dir.relativize(p).toString()
                    .split("[/\\\\]")).noneMatch(leftOutAnywhere::contains)).sorted().collect(Collectors.toList());
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
        List<String> anywhere = KitLayout.read(root).edition().leftOutAnywhere();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (Stream.of(rel.split("/")).noneMatch(anywhere::contains)) {
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

    boolean isLeftOut(String rel) {
        for (String l : edition.leftOut()) {
            if (rel.equals(l) || rel.startsWith(l + "/")) {
                return true;
            }
        }
        for (String part : rel.split("/")) {
            if (edition.leftOutAnywhere().contains(part)) {
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
     * What in {@code dir} gives the reference away, one entry per finding, from every file below it but build
     * output:
     * <ul>
     * <li>an archive or a class file (it could hold anything): "file: an archive or class file …";
     * <li>reference code, in any text file (a Java file, or a lesson's code block): three significant lines of a
     * solutions/ file, in a row, found in a row in the file — "file:line: the three lines". A significant line is
     * code (not an import, a comment, an annotation or a lone brace) that the starters do not also have —
     * signatures, fields and javadoc are shared by design — and three lines the kit's tests also have in a row are
     * no leak either. One common line ({@code } catch (IOException e) {}) proves nothing; three in a row are a
     * copied body. One per file is enough to say where;
     * <li>a name only the reference has ({@link #referenceNames}), in prose or in code: "file:line: name (from
     * solutions/…)", every line that has one.
     * </ul>
     */
    public List<String> leaks(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) { // build output (target/) is not part of what ships
            all = s.filter(Files::isRegularFile).filter(p -> Stream.of(dir.relativize(p).toString().split("/"))
                    .noneMatch(edition.leftOutAnywhere()::contains)).sorted().collect(Collectors.toList());
        }
        List<String> found = new ArrayList<>();
        all.stream().map(p -> dir.relativize(p).toString())
                .filter(n -> n.matches("(?i).*\\.(zip|jar|war|class|tar|tgz|gz|7z)$"))
                .forEach(n -> found.add(n + ": an archive or class file (it could hold anything)"));
        Set<String> starterLines = new HashSet<>();
        for (Kit.Step step : kit.steps()) {
            for (Path f : Trees.javaFiles(kit.root().resolve(step.name()).resolve("src/main/java"))) {
                Files.readAllLines(f, StandardCharsets.UTF_8).forEach(l -> starterLines.add(l.strip()));
            }
        }
        Set<String> referenceRuns = new HashSet<>();
        for (Kit.Step step : kit.steps()) {
            for (Path f : Trees.javaFiles(kit.referenceSources(step.name()))) {
                referenceRuns.addAll(runs(texts(significant(Files.readAllLines(f, StandardCharsets.UTF_8),
                        starterLines))));
            }
        }
        // The tests and their support are shown to students by design; an idiom they share with the reference
        // (test-support's TestServer has an accept loop too) is no leak.
        List<Path> tests = new ArrayList<>(Trees.javaFiles(kit.root().resolve("test-support/java")));
        for (Kit.Step step : kit.steps()) {
            tests.addAll(Trees.javaFiles(kit.root().resolve(step.name()).resolve("src/test/java")));
        }
        for (Path f : tests) {
            runs(texts(significant(Files.readAllLines(f, StandardCharsets.UTF_8), starterLines)))
                    .forEach(referenceRuns::remove);
        }
        List<ReferenceName> names = referenceNames();
        Map<String, ReferenceName> byWord = new HashMap<>();
        for (ReferenceName n : names) {
            byWord.putIfAbsent(n.oneWord() ? n.owner() + "." + n.name() : n.name(), n);
        }
        Pattern named = byWord.isEmpty() ? null : Pattern.compile("(?<![\\w$])(" + byWord.keySet().stream().sorted()
                .map(Pattern::quote).collect(Collectors.joining("|")) + ")(?![\\w$])");
        for (Path f : all) {
            List<String> lines = textLines(f);
            if (lines == null) {
                continue; // not text (an image)
            }
            String rel = dir.relativize(f).toString().replace('\\', '/');
            List<Line> code = significant(lines, starterLines);
            List<String> runs = runs(texts(code));
            for (int i = 0; i < runs.size(); i++) {
                if (referenceRuns.contains(runs.get(i))) {
                    found.add(rel + ":" + code.get(i).number() + ": " + runs.get(i).replace("\n", " ⏎ "));
                    break; // one per file is enough to say where
                }
            }
            for (int i = 0; named != null && i < lines.size(); i++) {
                Matcher m = named.matcher(lines.get(i));
                Set<String> onThisLine = new LinkedHashSet<>();
                while (m.find()) {
                    ReferenceName n = byWord.get(m.group(1));
                    onThisLine.add(rel + ":" + (i + 1) + ": " + n.name() + " (from " + n.from() + ")");
                }
                found.addAll(onThisLine);
            }
        }
        return found;
    }

    /** A line of a file and its number (from 1). */
    private record Line(int number, String text) {
    }

    /** The significant lines of a file, stripped (see {@link #leaks}). */
    private static List<Line> significant(List<String> lines, Set<String> starterLines) {
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.length() >= 12 && !TRIVIAL.matcher(t).matches() && !starterLines.contains(t)) {
                out.add(new Line(i + 1, t));
            }
        }
        return out;
    }

    private static List<String> texts(List<Line> lines) {
        return lines.stream().map(Line::text).collect(Collectors.toList());
    }

    /** Every three consecutive lines, joined. */
    private static List<String> runs(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 3 <= lines.size(); i++) {
            out.add(String.join("\n", lines.subList(i, i + 3)));
        }
        return out;
    }

    /** A file's lines if it is UTF-8 text, or null (an image, any binary: it has a NUL or is not UTF-8). */
    static List<String> textLines(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString().lines()
                    .collect(Collectors.toList());
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /**
     * A name the reference declares for itself, the type that declares it, and the file. A name of one word
     * (remote, BATCH, State: no inner capital after a lower-case letter, no '_', no digit) is an English word
     * too, so it counts only when written as {@code Owner.name}; a compound name counts anywhere as a whole word.
     */
    record ReferenceName(String name, String owner, String from) {
        boolean oneWord() {
            return !COMPOUND.matcher(name).find();
        }
    }

    private static final Pattern COMPOUND = Pattern.compile("[a-z][A-Z]|[A-Za-z][0-9]|_");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern LESSON = Pattern.compile("(README|HINTS)(\\.[a-z]{2})?\\.md");

    /** Shorter names are left out (id, END, OK): too likely to be something else. */
    static final int SHORTEST_NAME = 5;

    /** java.lang's classes a step's code uses without an import: their names and members are the JDK's. */
    private static final List<String> JAVA_LANG = List.of("Object", "String", "StringBuilder", "Thread", "Runnable",
            "Throwable", "Exception", "RuntimeException", "AutoCloseable", "Iterable", "Comparable", "Math", "System",
            "Integer", "Long", "Character", "Enum", "Record");

    /**
     * The names the reference declares for itself — private fields, private and package-private methods, types
     * (nested, local, top-level) — that nothing students get has already: not the steps' starters, tests and test
     * resources, not test-support/, not the code blocks of the lessons (README*.md, HINTS*.md: code a lesson gives
     * on purpose). Each of those counts for every step: a name one step's starter has gives nothing away in another
     * step's lesson (and flagging it would flag that starter). Left out too, to keep false positives out:
     * <ul>
     * <li>names shorter than {@link #SHORTEST_NAME} characters;
     * <li>JDK names: the JDK classes the declaring file imports (java.*, javax.*) and java.lang's common ones
     * ({@link #JAVA_LANG}), and their public members and nested classes — a helper named like a JDK method is
     * the JDK's word before it is the reference's;
     * <li>English words: a name of one word counts only as {@code Owner.name} ({@link ReferenceName#oneWord});
     * Java's keywords cannot be names, and the contextual ones (record, yield, var) are single words.
     * </ul>
     * The sources are parsed with javac's own parser (no symbols resolved, nothing run).
     */
    List<ReferenceName> referenceNames() throws IOException {
        Set<String> given = new HashSet<>();
        List<Path> shipped = new ArrayList<>(Trees.files(kit.root().resolve("test-support")));
        List<Path> lessons = new ArrayList<>();
        List<Path> folders = new ArrayList<>(List.of(kit.root()));
        for (Kit.Step step : kit.steps()) {
            Path s = kit.root().resolve(step.name());
            shipped.addAll(Trees.files(s.resolve("src/main/java")));
            shipped.addAll(Trees.files(s.resolve("src/test")));
            folders.add(s);
        }
        for (Path folder : folders) {
            try (Stream<Path> s = Files.list(folder)) {
                s.filter(p -> LESSON.matcher(p.getFileName().toString()).matches()).sorted().forEach(lessons::add);
            }
        }
        for (Path f : shipped) {
            List<String> lines = textLines(f);
            if (lines != null) {
                lines.forEach(l -> identifiers(l, given));
            }
        }
        for (Path lesson : lessons) {
            identifiers(Links.codeBlocks(Files.readString(lesson, StandardCharsets.UTF_8)), given);
        }
        List<Path> sources = new ArrayList<>();
        for (Kit.Step step : kit.steps()) {
            sources.addAll(Trees.javaFiles(kit.referenceSources(step.name())));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no javac: export with a JDK, not a JRE");
        }
        Map<String, ReferenceName> names = new LinkedHashMap<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(java.io.Writer.nullWriter(), fm, d -> { }, List.of("-proc:none"),
                    null, fm.getJavaFileObjectsFromPaths(sources));
            for (CompilationUnitTree unit : task.parse()) {
                String from = kit.root().relativize(Path.of(unit.getSourceFile().toUri())).toString().replace('\\', '/');
                Set<String> jdk = jdkNames(unit);
                List<ReferenceName> declared = new ArrayList<>();
                new TreeScanner<Void, String>() {
                    @Override
                    public Void visitClass(ClassTree c, String owner) {
                        String type = c.getSimpleName().toString();
                        if (!type.isEmpty()) {
                            declared.add(new ReferenceName(type, owner == null ? type : owner, from));
                        }
                        Tree.Kind kind = c.getKind();
                        boolean publicByDefault = kind == Tree.Kind.INTERFACE || kind == Tree.Kind.ANNOTATION_TYPE;
                        for (Tree member : c.getMembers()) {
                            if (member instanceof VariableTree v) {
                                Set<Modifier> flags = v.getModifiers().getFlags();
                                // A record's components are its API (public accessors), not private fields.
                                boolean component = kind == Tree.Kind.RECORD && !flags.contains(Modifier.STATIC);
                                if (flags.contains(Modifier.PRIVATE) && !component) {
                                    declared.add(new ReferenceName(v.getName().toString(), type, from));
                                }
                            } else if (member instanceof MethodTree m && !m.getName().contentEquals("<init>")) {
                                Set<Modifier> flags = m.getModifiers().getFlags();
                                if (flags.contains(Modifier.PRIVATE) || (!publicByDefault
                                        && !flags.contains(Modifier.PUBLIC) && !flags.contains(Modifier.PROTECTED))) {
                                    declared.add(new ReferenceName(m.getName().toString(), type, from));
                                }
                            }
                        }
                        return super.visitClass(c, type.isEmpty() ? owner : type);
                    }
                }.scan(unit, null);
                for (ReferenceName n : declared) {
                    if (n.name().length() >= SHORTEST_NAME && !given.contains(n.name()) && !jdk.contains(n.name())) {
                        names.putIfAbsent(n.owner() + "." + n.name(), n);
                    }
                }
            }
        }
        return List.copyOf(names.values());
    }

    private static void identifiers(String text, Set<String> into) {
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            into.add(m.group());
        }
    }

    /** The simple names, public members and nested classes of the JDK classes a file imports, and of java.lang's. */
    private static Set<String> jdkNames(CompilationUnitTree unit) {
        List<String> classes = new ArrayList<>();
        JAVA_LANG.forEach(c -> classes.add("java.lang." + c));
        for (ImportTree i : unit.getImports()) {
            String q = i.getQualifiedIdentifier().toString();
            if (!i.isStatic() && !q.endsWith(".*") && (q.startsWith("java.") || q.startsWith("javax."))) {
                classes.add(q);
            }
        }
        Set<String> out = new HashSet<>();
        for (String c : classes) {
            try {
                Class<?> k = Class.forName(c, false, ClassLoader.getPlatformClassLoader());
                out.add(k.getSimpleName());
                Stream.of(k.getMethods()).forEach(m -> out.add(m.getName()));
                Stream.of(k.getFields()).forEach(f -> out.add(f.getName()));
                Stream.of(k.getClasses()).forEach(n -> out.add(n.getSimpleName()));
            } catch (ClassNotFoundException | LinkageError e) {
                // a nested class (java.util.Map.Entry) or one this JDK lacks: no names from it
            }
        }
        return out;
    }

    /**
     * The root pom of the student edition: the kit's, without the benchmarks module and the mutation profile
     * (their sources are left out). Edited as XML (DOM), written back with its comments and layout; only the start
     * tag of the root element may come out on one line.
     */
    static String studentPom(String pom) throws IOException {
        org.w3c.dom.Document doc;
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(pom)));
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("the kit's root pom.xml is not well-formed XML: " + e.getMessage(), e);
        }
        org.w3c.dom.Element project = doc.getDocumentElement();
        for (org.w3c.dom.Element modules : children(project, "modules")) {
            for (org.w3c.dom.Element m : children(modules, "module")) {
                if (m.getTextContent().strip().equals("benchmarks")) {
                    remove(m);
                }
            }
        }
        for (org.w3c.dom.Element profiles : children(project, "profiles")) {
            for (org.w3c.dom.Element p : children(profiles, "profile")) {
                if (children(p, "id").stream().anyMatch(id -> id.getTextContent().strip().equals("mutation"))) {
                    remove(p);
                }
            }
        }
        try {
            javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(javax.xml.transform.OutputKeys.ENCODING, "UTF-8");
            // The declaration, then each top-level node (the comment before <project>, <project>) on its own line.
            StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            for (org.w3c.dom.Node n = doc.getFirstChild(); n != null; n = n.getNextSibling()) {
                java.io.StringWriter w = new java.io.StringWriter();
                t.transform(new javax.xml.transform.dom.DOMSource(n), new javax.xml.transform.stream.StreamResult(w));
                out.append(w).append('\n');
            }
            return out.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("the student edition's pom.xml could not be written: " + e.getMessage(), e);
        }
    }

    /** The child elements of {@code parent} named {@code name}, in order (a copy: safe to remove from). */
    private static List<org.w3c.dom.Element> children(org.w3c.dom.Element parent, String name) {
        List<org.w3c.dom.Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Removes an element, and the indentation before it, so that no blank line is left where it was. */
    private static void remove(org.w3c.dom.Element e) {
        org.w3c.dom.Node before = e.getPreviousSibling();
        if (before != null && before.getNodeType() == org.w3c.dom.Node.TEXT_NODE && before.getNodeValue().isBlank()) {
            before.getParentNode().removeChild(before);
        }
        e.getParentNode().removeChild(e);
    }

}
