package dcchat.grader;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Takes in a submission (a folder, or a .zip of a student's clone of the kit): copies the {@code .java} files
 * under each step's {@code <step>/src/main/java}, and nothing else, into a fresh folder the grader owns.
 *
 * <p>Why: a submission is untrusted. Nothing in it is followed (a symbolic link is refused, never read through,
 * so a step linked to {@code solutions/} or a source linked to {@code /etc/passwd} gives nothing), only regular
 * {@code .java} files are copied, zip entry names that climb out are refused, and the limits are enforced while
 * writing: no file on disk ever passes them, whatever a zip claims. Each thing refused or cut is a note a TA and
 * a student can act on, naming paths relative to the kit folder (never a path on the grader's machine).
 */
final class Intake {

    /** Limits; DEFAULT = 1 MiB per file, 20 MiB in all, 5,000 .java files, 20,000 zip entries seen. */
    record Limits(long perFile, long total, int files, int entries) {
        static final Limits DEFAULT = new Limits(1L << 20, 20L << 20, 5_000, 20_000);
    }

    /** root: a fresh folder under dest holding only the copied sources; notes: a sentence per thing refused or cut. */
    record Result(Path root, List<String> notes) {}

    private static final int MAX_DEPTH = 4;
    private static final List<String> JAVA_DIR = List.of("src", "main", "java");
    private static final String LINK = " (submit regular files; links are not followed)";
    private static final Charset LEGACY = Charset.isSupported("IBM437") ? Charset.forName("IBM437")
            : StandardCharsets.ISO_8859_1;

    private final List<String> steps;
    private final Limits limits;
    private final Path root;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, List<String>> refused = new TreeMap<>(); // zip: why → the entry names refused
    private long total;
    private int files;
    private boolean stopped;

    private Intake(List<String> steps, Limits limits, Path root) {
        this.steps = List.copyOf(steps);
        this.limits = limits;
        this.root = root;
    }

    /**
     * Copies the graded sources of a submission (a folder, or a file whose name ends in .zip) into a fresh folder
     * under dest (created if missing). Throws only for trouble on the grader's side (dest, its disk).
     */
    static Result take(Path submission, Path dest, List<String> steps, Limits limits) throws IOException {
        Files.createDirectories(dest);
        Intake in = new Intake(steps, limits, Files.createTempDirectory(dest, "submission-"));
        BasicFileAttributes a = attrs(submission);
        if (a != null && a.isSymbolicLink()) {
            in.notes.add("refused a symbolic link: the submission itself (submit a folder or a .zip, not a link)");
        } else if (a != null && a.isRegularFile() && submission.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            in.zip(submission);
        } else if (a != null && a.isDirectory()) {
            in.folder(submission.toRealPath());
        } else {
            in.notes.add("the submission is neither a folder nor a .zip file");
        }
        return new Result(in.root, List.copyOf(in.notes));
    }

    /** A folder: finds the kit folder, then walks each step's src/main/java, never following a link. */
    private void folder(Path base) throws IOException {
        List<String> at = findRoot(rel -> {
            Map<String, Boolean> dirs = new TreeMap<>(); // only real folders are descended into, so rel is one
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(base.resolve(String.join("/", rel)))) {
                for (Path p : ds) {
                    BasicFileAttributes pa = attrs(p);
                    if (pa != null && (pa.isDirectory() || pa.isSymbolicLink())) {
                        dirs.put(p.getFileName().toString(), pa.isDirectory());
                    }
                }
            } catch (IOException e) {
                // an unreadable folder holds no kit
            }
            return dirs;
        });
        Path kit = at == null ? null : base.resolve(String.join("/", at));
        for (int i = 0; kit != null && !stopped && i < steps.size(); i++) {
            if (realFolders(kit, kit.resolve(steps.get(i)))) {
                walk(base, kit, kit.resolve(steps.get(i)).resolve("src/main/java"));
            }
        }
    }

    /** Whether step, src, main and java are all real folders; a link or a file among them is refused with a note. */
    private boolean realFolders(Path kit, Path step) {
        for (Path dir : List.of(step, step.resolve("src"), step.resolve("src/main"), step.resolve("src/main/java"))) {
            BasicFileAttributes a = attrs(dir);
            if (a == null || !a.isDirectory()) { // missing: not submitted, and the grader says so per step
                if (a != null) {
                    notes.add(a.isSymbolicLink() ? "refused a symbolic link: " + EntryNames.shown(kit, dir) + LINK
                            : "refused " + EntryNames.shown(kit, dir) + ": it should be a folder");
                }
                return false;
            }
        }
        return true;
    }

    /** Walks one src/main/java folder without following links, copying its regular .java files. */
    private void walk(Path base, Path kit, Path javaDir) throws IOException {
        Files.walkFileTree(javaDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes a) throws IOException {
                if (a.isSymbolicLink()) {
                    notes.add("refused a symbolic link: " + EntryNames.shown(kit, p) + LINK);
                } else if (!a.isRegularFile()) {
                    notes.add("refused " + EntryNames.shown(kit, p) + ": it is neither a regular file nor a folder");
                } else if (p.getFileName().toString().endsWith(".java")) {
                    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                        if (p.toRealPath().startsWith(base)) {
                            copy(in, root.resolve(kit.relativize(p).toString()), EntryNames.shown(kit, p));
                        } else {
                            notes.add("refused " + EntryNames.shown(kit, p) + ": its path leads outside the submission");
                        }
                    } catch (AccessDeniedException | NoSuchFileException e) {
                        return visitFileFailed(p, e);
                    }
                }
                return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) {
                notes.add("could not read " + EntryNames.shown(kit, p) + " (" + e.getClass().getSimpleName() + ")"
                        + "; it was left out");
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A zip: a first pass over its names finds the kit folder, a second copies the graded sources, bounded. */
    private void zip(Path zip) throws IOException {
        Charset cs = StandardCharsets.UTF_8;
        Set<String> dirs;
        try {
            dirs = folders(zip, cs);
        } catch (IllegalArgumentException e) { // names not in UTF-8 (an older zip tool): read them as it wrote them
            notes.clear();
            refused.clear();
            cs = LEGACY;
            dirs = folders(zip, cs);
        }
        refused.forEach((why, names) -> notes.add("refused " + names.size() + " zip entr"
                + (names.size() == 1 ? "y" : "ies") + " with " + why + " (first: " + EntryNames.clean(names.get(0)) + ")"
                + "; nothing is written outside the submission's folder"));
        Set<String> all = dirs;
        List<String> at = all == null ? null : findRoot(rel -> {
            String prefix = rel.isEmpty() ? "" : String.join("/", rel) + "/";
            Map<String, Boolean> children = new TreeMap<>();
            all.stream().filter(d -> d.startsWith(prefix) && d.indexOf('/', prefix.length()) < 0)
                    .forEach(d -> children.put(d.substring(prefix.length()), true));
            return children;
        });
        int seen = 0;
        int n = at == null ? 0 : at.size();
        try (ZipInputStream zin = open(zip, cs)) {
            for (ZipEntry e; at != null && !stopped && seen++ < limits.entries() && (e = zin.getNextEntry()) != null;) {
                List<String> s = EntryNames.segments(e.getName(), null);
                if (!e.isDirectory() && s != null && s.size() >= n + 5 && s.subList(0, n).equals(at)
                        && steps.contains(s.get(n)) && s.subList(n + 1, n + 4).equals(JAVA_DIR)
                        && s.get(s.size() - 1).endsWith(".java")) {
                    String rel = String.join("/", s.subList(n, s.size()));
                    try {
                        copy(zin, root.resolve(rel), EntryNames.clean(rel));
                    } catch (FileAlreadyExistsException x) {
                        notes.add(EntryNames.clean(rel) + " is in the zip twice (or as a file and as a folder)"
                                + "; only the first was taken");
                    }
                }
            }
        }
    }

    /** First pass: the zip's folders down to where the kit folder may be; null (with a note) if it is damaged. */
    private Set<String> folders(Path zip, Charset cs) throws IOException {
        Set<String> dirs = new HashSet<>();
        int seen = 0;
        try (ZipInputStream zin = open(zip, cs)) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                if (++seen > limits.entries()) {
                    notes.add("the zip has more than " + limits.entries() + " entries; only the first "
                            + limits.entries() + " were looked at (zip the kit folder without build output)");
                    break;
                }
                List<String> s = EntryNames.segments(e.getName(), refused);
                for (int i = 1; s != null && i <= Math.min(s.size() - (e.isDirectory() ? 0 : 1), MAX_DEPTH + 1); i++) {
                    dirs.add(String.join("/", s.subList(0, i)));
                }
            }
        } catch (ZipException | EOFException e) {
            notes.add("the .zip file is damaged (" + EntryNames.clean(String.valueOf(e.getMessage())) + ")"
                    + "; zip the kit folder again");
            return null;
        }
        return dirs;
    }

    /** The kit folder below the top: the top if it has a step folder, else inside its one sub-folder, 4 deep. */
    private List<String> findRoot(Function<List<String>, Map<String, Boolean>> lister) {
        List<String> at = new ArrayList<>();
        for (int depth = 0; depth <= MAX_DEPTH; depth++) {
            Map<String, Boolean> dirs = lister.apply(at); // name → a real folder (false: a link)
            if (steps.stream().anyMatch(dirs::containsKey)) {
                return at;
            }
            List<String> wrappers = dirs.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                    .filter(d -> !d.equals("__MACOSX") && !d.startsWith(".")).toList();
            if (wrappers.size() != 1) {
                break;
            }
            at.add(wrappers.get(0));
        }
        notes.add("no stepN-… folder found in the submission (looked for " + String.join(", ", steps)
                + " at its top and inside a single wrapper folder, " + MAX_DEPTH + " deep)"
                + ": submit the kit folder itself");
        return null;
    }

    /**
     * Copies one file to target through a bounded loop: stops the moment it would pass the per-file or the total
     * limit (the partial file is deleted and a note says why; passing the total, or the file count, stops the intake).
     */
    private void copy(InputStream in, Path target, String shown) throws IOException {
        if (files >= limits.files()) {
            notes.add("the submission has more than " + limits.files() + " .java files; only the first "
                    + limits.files() + " were taken");
            stopped = true;
            return;
        }
        Files.createDirectories(target.getParent());
        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW); // never over a file there
        String over = null;
        long written = 0;
        boolean kept = false;
        try (out) {
            byte[] buf = new byte[64 * 1024];
            for (int n; over == null && (n = in.read(buf)) != -1; ) {
                if (written + n > limits.perFile()) {
                    over = shown + " is over the " + EntryNames.mib(limits.perFile()) + " limit for one file; it was not taken";
                } else if (total + written + n > limits.total()) {
                    over = "the submission's .java files pass the " + EntryNames.mib(limits.total()) + " limit in all: " + shown
                            + " and the files after it were not taken";
                    stopped = true;
                } else {
                    out.write(buf, 0, n);
                    written += n;
                }
            }
            kept = over == null;
        } finally {
            if (!kept) { // over a limit, or the read failed: no partial file stays
                Files.delete(target);
            }
        }
        if (over != null) {
            notes.add(over);
        } else {
            files++;
            total += written;
        }
    }

    /** A zip reader over the file itself, never through a link. */
    private static ZipInputStream open(Path zip, Charset cs) throws IOException {
        return new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip, LinkOption.NOFOLLOW_LINKS)), cs);
    }

    /** The attributes of p itself (a link is not followed), or null if there is nothing there. */
    private static BasicFileAttributes attrs(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
