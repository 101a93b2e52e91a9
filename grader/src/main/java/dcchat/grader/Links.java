package dcchat.grader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every relative link in the Markdown files under a folder resolves: {@code [text](path)},
 * {@code [text](path#anchor)}, {@code [text](#anchor)}, images, reference-style links ({@code [text][label]} and
 * their {@code [label]: path} definitions), and {@code <a href>} / {@code <img src>} tags. A link resolves when its
 * file (or folder) exists, relative to the Markdown file's folder ({@code /path}: to the checked folder, GitHub's
 * repository root); when it has an {@code #anchor} into a Markdown file, that file must have a heading whose GitHub
 * slug is the anchor, or an {@code <a id="...">} / {@code <a name="...">}. Links with a scheme (https:, mailto:, ...) are
 * not checked, nor anything in a fenced code block, a code span or an HTML comment (GitHub renders no link there).
 *
 * <p>One checker for two users, no copy: the kit check ({@code dcchat.grader.check.KitCheck}) calls {@link #check}
 * on the kit, and the student edition's export on the folder it wrote. It uses the JDK only, and no other class of
 * the grader, so that it also runs by hand from its source with Java's source launcher,
 * {@code java grader/src/main/java/dcchat/grader/Links.java DIR} (see {@link #main}; LinksTest compiles this file on
 * its own to keep that true). It is kept ASCII too (non-ASCII text as Unicode escapes): the source launcher reads it
 * in the platform's encoding, which on Windows is not UTF-8.
 */
public final class Links {

    /** Not walked: build output, version control, the kit check's logs, the grader's default report folder. */
    private static final Set<String> SKIPPED_ANYWHERE = Set.of("target", ".git", "node_modules", "grading-out");
    private static final Set<String> SKIPPED = Set.of("kit/logs");

    /** One link that does not resolve: where it is, as written, and why ("missing file", "missing anchor"). */
    public record Broken(String file, int line, String link, String why) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + link + " \u2014 " + why;
        }
    }

    /** What a check found: Markdown files read, relative links checked, links with a scheme skipped, the broken. */
    public record Report(int files, int links, int external, List<Broken> broken) {
        public boolean ok() {
            return broken.isEmpty();
        }

        /** One line: how many links were checked, and how many are broken. */
        public String summary() {
            return ok()
                    ? "links: checked " + links + " relative links in " + files + " Markdown files, all resolve ("
                      + external + " with a scheme, such as https:, not checked)"
                    : "links: " + broken.size() + " of " + links + " relative links in " + files
                      + " Markdown files are broken";
        }
    }

    private static final Pattern SCHEME = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:|//).*", Pattern.DOTALL);
    private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})(.*)$");
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    /** [text](destination "title"): one level of brackets in the text, one level of parentheses in the destination. */
    private static final Pattern INLINE = Pattern.compile("(?<!\\\\)(!?)\\[((?:[^\\[\\]\\\\]|\\\\.|\\[(?:[^\\[\\]\\\\]|\\\\.)*\\])*)\\]"
            + "\\(\\s*(<[^<>\\n]*>|(?:[^\\s()\\\\]|\\\\.|\\((?:[^\\s()\\\\]|\\\\.)*\\))*)"
            + "(?:\\s+(?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|\\((?:[^()\\\\]|\\\\.)*\\)))?\\s*\\)");
    private static final Pattern DEFINITION = Pattern.compile("(?m)^ {0,3}\\[((?:[^\\[\\]\\\\]|\\\\.)+)\\]:[ \\t]*\\n?[ \\t]*"
            + "(<[^<>\\n]*>|\\S+)");
    private static final Pattern FULL_REFERENCE = Pattern.compile("(?<![\\\\\\]])\\[((?:[^\\[\\]\\\\]|\\\\.)+)\\]"
            + "\\[((?:[^\\[\\]\\\\]|\\\\.)+)\\]");
    private static final Pattern TAG_LINK = Pattern.compile("<(?:a|img)\\s[^>]*?\\b(?:href|src)\\s*=\\s*[\"']([^\"']*)[\"'][^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG_ANCHOR = Pattern.compile("<a\\s[^>]*?\\b(?:id|name)\\s*=\\s*[\"']([^\"']+)[\"']",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ATX = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(?:=+|-+)[ \\t]*$");
    private static final Pattern NOT_A_SETEXT_TITLE = Pattern.compile("^\\s*(?:[-*+>|<#]|\\d+[.)]\\s).*");

    private final Path root;
    private final Map<String, String> placedAt;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    private Links(Path root, Map<String, String> placedAt) {
        this.root = root;
        this.placedAt = placedAt;
    }

    /**
     * Prints each broken link (file:line: [text](target) -- why), then one summary line; exit code 1 if any.
     * {@code --as FOLDER=WHERE}: see {@link #check(Path, Map)}.
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> placedAt = new HashMap<>();
        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--as") && i + 1 < args.length && args[i + 1].contains("=")) {
                String[] as = args[++i].split("=", 2);
                placedAt.put(as[0], as[1]);
            } else if (!args[i].startsWith("-")) {
                dirs.add(args[i]);
            } else {
                dirs.add(null);
            }
        }
        if (dirs.size() > 1 || dirs.contains(null)) {
            System.err.println("usage: java grader/src/main/java/dcchat/grader/Links.java [--as FOLDER=WHERE]... "
                    + "[DIR]   (default: .)");
            System.exit(2);
        }
        Report report = check(Path.of(dirs.isEmpty() ? "." : dirs.get(0)), placedAt);
        report.broken().forEach(System.out::println);
        System.out.println(report.summary());
        System.exit(report.ok() ? 0 : 1);
    }

    /** Checks every Markdown file under root (except in target/, .git/, node_modules/, grading-out/, kit/logs/). */
    public static Report check(Path root) throws IOException {
        return check(root, Map.of());
    }

    /**
     * As {@link #check(Path)}, for a folder some of whose Markdown files are published elsewhere: the links of a
     * file under FOLDER (a key of {@code placedAt}, relative to root) resolve as if FOLDER were WHERE (its value;
     * "." is root): a README kept in docs/ that an export copies to the root, say.
     */
    public static Report check(Path root, Map<String, String> placedAt) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        Links links = new Links(dir, placedAt);
        int[] counts = new int[2];
        List<Broken> broken = new ArrayList<>();
        List<Path> files = markdownFiles(dir);
        for (Path f : files) {
            broken.addAll(links.checkFile(f, counts));
        }
        return new Report(files.size(), counts[0], counts[1], List.copyOf(broken));
    }

    /** The Markdown files under dir that are checked, sorted. */
    static List<Path> markdownFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(md|markdown)"))
                    .filter(p -> {
                        String rel = dir.relativize(p).toString().replace('\\', '/');
                        return Stream.of(rel.split("/")).noneMatch(SKIPPED_ANYWHERE::contains)
                               && SKIPPED.stream().noneMatch(s2 -> rel.startsWith(s2 + "/"));
                    })
                    .sorted().collect(Collectors.toList());
        }
    }

    /** The broken links of one file; counts[0] += relative links checked, counts[1] += links with a scheme. */
    private List<Broken> checkFile(Path file, int[] counts) throws IOException {
        String md = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        String prose = prose(md);
        int[] lineStarts = lineStarts(md);
        String name = root.relativize(file).toString().replace('\\', '/');
        List<Broken> broken = new ArrayList<>();
        Matcher m = INLINE.matcher(prose);
        int from = 0;
        while (m.find(from)) {
            // A link's text may hold an image ([![alt](img.png)](target)): look for links inside it too.
            from = m.start(2);
            String target = m.group(3);
            String why = resolve(file, target, counts);
            if (why != null) {
                broken.add(new Broken(name, line(lineStarts, m.start()), oneLine(md.substring(m.start(), m.end())), why));
            }
        }
        Map<String, String> definitions = new HashMap<>();
        Matcher d = DEFINITION.matcher(prose);
        while (d.find()) {
            definitions.putIfAbsent(label(d.group(1)), d.group(2));
            String why = resolve(file, d.group(2), counts);
            if (why != null) {
                broken.add(new Broken(name, line(lineStarts, d.start()), oneLine(md.substring(d.start(), d.end()).strip()),
                        why));
            }
        }
        Matcher r = FULL_REFERENCE.matcher(prose);
        while (r.find()) {
            if (!definitions.containsKey(label(r.group(2)))) {
                counts[0]++;
                broken.add(new Broken(name, line(lineStarts, r.start()), oneLine(md.substring(r.start(), r.end())),
                        "no definition [" + r.group(2) + "]: \u2026 for its label"));
            }
        }
        Matcher t = TAG_LINK.matcher(prose);
        while (t.find()) {
            String why = resolve(file, t.group(1), counts);
            if (why != null) {
                broken.add(new Broken(name, line(lineStarts, t.start()), oneLine(t.group()), why));
            }
        }
        broken.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return broken;
    }

    /** Why a link from file to target does not resolve, or null when it does (or has a scheme: not checked). */
    private String resolve(Path file, String written, int[] counts) throws IOException {
        String target = written.strip();
        if (target.startsWith("<") && target.endsWith(">")) {
            target = target.substring(1, target.length() - 1);
        }
        target = target.replaceAll("\\\\(\\p{Punct})", "$1");
        if (target.isEmpty()) {
            return null; // [text]() links to the page itself
        }
        if (SCHEME.matcher(target).matches()) {
            counts[1]++;
            return null;
        }
        counts[0]++;
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : decode(target.substring(hash + 1));
        int query = path.indexOf('?');
        path = decode(query < 0 ? path : path.substring(0, query));
        Path to;
        if (path.isEmpty()) {
            to = file;
        } else {
            to = (path.startsWith("/") ? root.resolve(path.substring(1)) : folder(file).resolve(path)).normalize();
            if (!to.startsWith(root)) {
                return "missing file (outside " + root.getFileName() + "/)";
            }
            if (!Files.exists(to)) {
                return "missing file";
            }
        }
        if (!anchor.isEmpty() && Files.isRegularFile(to)
                && to.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(md|markdown)")
                && !anchors(to).contains(anchor)) {
            return "missing anchor";
        }
        return null;
    }

    /** The folder a file's relative links start from: its own, or where {@link #placedAt} says it is published. */
    private Path folder(Path file) {
        Path folder = file.getParent();
        for (Map.Entry<String, String> p : placedAt.entrySet()) {
            Path from = root.resolve(p.getKey()).normalize();
            if (folder.startsWith(from)) {
                return root.resolve(p.getValue()).resolve(from.relativize(folder).toString()).normalize();
            }
        }
        return folder;
    }

    /** The anchors a Markdown file has: its headings' GitHub slugs, and every <a id="..."> / <a name="...">. */
    private Set<String> anchors(Path file) throws IOException {
        Set<String> found = anchors.get(file);
        if (found == null) {
            found = anchors(Files.readString(file, StandardCharsets.UTF_8));
            anchors.put(file, found);
        }
        return found;
    }

    /** The anchors of a Markdown text: headings' GitHub slugs (a repeated one gets -1, -2, ...), and <a id|name>. */
    static Set<String> anchors(String md) {
        md = md.replace("\r\n", "\n"); // a Windows checkout (core.autocrlf): the same lines
        Set<String> out = new LinkedHashSet<>();
        String text = blank(withoutFences(md), COMMENT);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String heading = null;
            Matcher atx = ATX.matcher(lines[i]);
            if (atx.matches()) {
                heading = atx.group(1) == null ? "" : atx.group(1);
            } else if (i > 0 && SETEXT.matcher(lines[i]).matches() && !lines[i - 1].isBlank()
                       && !NOT_A_SETEXT_TITLE.matcher(lines[i - 1]).matches()) {
                heading = lines[i - 1];
            }
            if (heading != null) {
                String slug = slug(headingText(heading));
                String unique = slug;
                for (int n = 1; out.contains(unique); n++) {
                    unique = slug + "-" + n;
                }
                out.add(unique);
            }
        }
        Matcher a = TAG_ANCHOR.matcher(prose(md));
        while (a.find()) {
            out.add(a.group(1));
        }
        return out;
    }

    /**
     * GitHub's anchor for a heading's text: lower case; every character but letters (accented ones too),
     * marks, digits, '_', '-' and spaces removed (so the section sign, the middle dot, dashes and other
     * punctuation go); each space then a '-'.
     */
    public static String slug(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\- ]", "")
                .replace(' ', '-');
    }

    /** A heading's text as GitHub renders it: code spans' text kept verbatim; links, images, tags and emphasis gone. */
    static String headingText(String inline) {
        StringBuilder out = new StringBuilder();
        Matcher code = Pattern.compile("(`+)(.+?)\\1").matcher(inline);
        int at = 0;
        while (code.find()) {
            out.append(plainText(inline.substring(at, code.start()))).append(code.group(2).strip());
            at = code.end();
        }
        return out.append(plainText(inline.substring(at))).toString();
    }

    private static String plainText(String s) {
        return s.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("\\[([^\\]]*)\\]\\[[^\\]]*\\]", "$1")
                .replaceAll("<[^>]+>", "").replaceAll("(?<![\\p{L}\\p{N}])_+|_+(?![\\p{L}\\p{N}])", "")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replaceAll("\\\\(\\p{Punct})", "$1");
    }

    /** The fenced code blocks' contents (fence lines excluded), each followed by a line break. */
    public static String codeBlocks(String md) {
        md = md.replace("\r\n", "\n"); // a Windows checkout (core.autocrlf): the same lines
        String without = withoutFences(md);
        StringBuilder out = new StringBuilder();
        String[] all = md.split("\n", -1);
        String[] kept = without.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            if (kept[i].isBlank() && !all[i].isBlank() && !FENCE.matcher(all[i]).matches()) {
                out.append(all[i]).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The Markdown with what GitHub renders no link in blanked out (fenced code blocks, code spans, HTML comments)
     * as spaces: the same length and line breaks, so an offset in it is the same offset in the Markdown.
     */
    static String prose(String md) {
        md = md.replace("\r\n", "\n"); // a Windows checkout (core.autocrlf): the same lines
        String text = blank(withoutFences(md), COMMENT);
        char[] c = text.toCharArray();
        Matcher run = BACKTICKS.matcher(text);
        int from = 0;
        while (run.find(from)) {
            int n = run.end() - run.start();
            int end = closingRun(text, run.end(), n);
            if (end < 0) {
                from = run.end(); // no closing run of the same length: the backticks are literal
                continue;
            }
            for (int i = run.start(); i < end; i++) {
                if (c[i] != '\n') {
                    c[i] = ' ';
                }
            }
            from = end;
        }
        return new String(c);
    }

    /** Where the code span opened before {@code from} ends: after the next run of exactly n backticks in its paragraph. */
    private static int closingRun(String text, int from, int n) {
        int paragraphEnd = text.length();
        Matcher blankLine = Pattern.compile("\\n[ \\t]*\\n").matcher(text);
        if (blankLine.find(from)) {
            paragraphEnd = blankLine.start();
        }
        Matcher run = BACKTICKS.matcher(text).region(from, paragraphEnd);
        while (run.find()) {
            if (run.end() - run.start() == n) {
                return run.end();
            }
        }
        return -1;
    }

    /** The Markdown with every line of a fenced code block (its fences too) blanked; an unclosed fence runs to the end. */
    static String withoutFences(String md) {
        md = md.replace("\r\n", "\n"); // a Windows checkout (core.autocrlf): the same lines
        String[] lines = md.split("\n", -1);
        String fence = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher f = FENCE.matcher(lines[i]);
            if (fence == null) {
                if (f.matches() && !(f.group(1).charAt(0) == '`' && f.group(2).contains("`"))) {
                    fence = f.group(1);
                    lines[i] = spaces(lines[i]);
                }
            } else {
                if (f.matches() && f.group(1).charAt(0) == fence.charAt(0) && f.group(1).length() >= fence.length()
                        && f.group(2).isBlank()) {
                    fence = null;
                }
                lines[i] = spaces(lines[i]);
            }
        }
        return String.join("\n", lines);
    }

    private static String blank(String text, Pattern what) {
        Matcher m = what.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(spaces(m.group())));
        }
        return m.appendTail(out).toString();
    }

    /** As many spaces as s has characters, its line breaks kept (and a \r before one). */
    private static String spaces(String s) {
        return s.replaceAll("[^\\r\\n]", " ");
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line of an offset. */
    private static int line(int[] lineStarts, int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\n\\s*", " ");
    }

    /** A reference label as GitHub matches it: case and runs of white space do not count. */
    private static String label(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** %xx decoded as UTF-8 ('+' stays '+': this is a path, not a form). */
    private static String decode(String s) {
        if (!s.contains("%")) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                int next = s.indexOf('%', i + 1);
                byte[] b = s.substring(i, next < 0 ? s.length() : next).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i = (next < 0 ? s.length() : next) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
