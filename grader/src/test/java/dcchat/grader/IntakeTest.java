package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Intake: what a submission may put on the grader's disk, and what it may not (links, escapes, bombs). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IntakeTest {

    private static final List<String> STEPS = List.of("step1-echo", "step2-framing");
    private static final long MIB = 1L << 20;
    private static final Intake.Limits SMALL = new Intake.Limits(MIB, 20 * MIB, 5_000, 20_000);

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a kit clone inside wrapper folders gives exactly its steps' .java files, nothing else")
    void normalFolder() throws IOException {
        Path sub = tmp.resolve("submission");
        Path kit = sub.resolve("ana/dcchat-kit");
        write(kit.resolve("step1-echo/src/main/java/dcchat/echo/EchoServer.java"), "class EchoServer {}");
        write(kit.resolve("step1-echo/src/main/java/dcchat/echo/notes.txt"), "not Java");
        write(kit.resolve("step1-echo/src/test/java/dcchat/echo/EchoTest.java"), "class EchoTest {}");
        write(kit.resolve("step1-echo/pom.xml"), "<project/>");
        write(kit.resolve("step2-framing/src/main/java/dcchat/framing/Frame.java"), "class Frame {}");
        write(kit.resolve("step3-threads/src/main/java/Other.java"), "class Other {}"); // not a step asked for
        write(kit.resolve("README.md"), "# kit");
        write(sub.resolve("__MACOSX/ana/._README.md"), "mac");
        write(sub.resolve(".idea/workspace.xml"), "<x/>");

        Intake.Result r = Intake.take(sub, tmp.resolve("dest"), STEPS, Intake.Limits.DEFAULT);

        assertThat(r.notes()).isEmpty();
        assertThat(r.root()).startsWith(tmp.resolve("dest"));
        assertThat(files(r.root())).containsExactly("step1-echo/src/main/java/dcchat/echo/EchoServer.java",
                "step2-framing/src/main/java/dcchat/framing/Frame.java");
        assertThat(r.root().resolve("step2-framing/src/main/java/dcchat/framing/Frame.java"))
                .hasContent("class Frame {}");
    }

    @Test
    @DisplayName("a step folder that is a link to the solutions is refused, and nothing is read through it")
    void stepFolderLink() throws IOException {
        write(tmp.resolve("solutions/step1-echo/src/main/java/X.java"), "class X { /* reference */ }");

        Intake.Result r = takeWithLink("step2-framing/src/main/java/Frame.java", "step1-echo",
                tmp.resolve("solutions/step1-echo"));

        assertThat(r.root().resolve("step1-echo")).doesNotExist();
    }

    @Test
    @DisplayName("a source file linked to a secret outside is refused; the secret is in no copy and no note")
    void sourceFileLink() throws IOException {
        write(tmp.resolve("outside/secret.txt"), "TOP-SECRET-LINE-42\nsecond line\n");

        Intake.Result r = takeWithLink("step1-echo/src/main/java/dcchat/Ok.java",
                "step1-echo/src/main/java/dcchat/Secret.java", tmp.resolve("outside/secret.txt"));

        assertThat(r.notes()).noneMatch(n -> n.contains("TOP-SECRET") || n.contains(tmp.toString()));
        try (Stream<Path> s = Files.walk(tmp.resolve("dest"))) {
            for (Path p : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                assertThat(Files.readString(p)).as("%s", p).doesNotContain("TOP-SECRET");
            }
        }
    }

    @Test
    @DisplayName("a folder inside src/main/java that is a link is refused, and nothing under it is copied")
    void folderLinkInsideSources() throws IOException {
        write(tmp.resolve("outside/lib/Lib.java"), "class Lib {}");

        takeWithLink("step1-echo/src/main/java/dcchat/Ok.java", "step1-echo/src/main/java/dcchat/lib",
                tmp.resolve("outside/lib"));
    }

    @Test
    @DisplayName("zip entries that climb out (.., absolute, drive letter) are refused and nothing lands outside root")
    void zipSlip() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String evil : List.of("../../evil.java", "/abs/evil.java", "step1-echo/src/main/java/../../../evil.java",
                "..\\..\\evil.java", "C:\\evil\\evil.java")) {
            entries.put(evil, "class evil {}".getBytes(StandardCharsets.UTF_8));
        }
        entries.put("step1-echo/src/main/java/Ok.java", "class Ok {}".getBytes(StandardCharsets.UTF_8));
        Path zip = zip(tmp.resolve("ana.zip"), entries);

        Intake.Result r = Intake.take(zip, tmp.resolve("work/dest"), STEPS, Intake.Limits.DEFAULT);

        assertThat(files(r.root())).containsExactly("step1-echo/src/main/java/Ok.java");
        try (Stream<Path> s = Files.walk(tmp)) {
            assertThat(s.filter(Files::isRegularFile)).allMatch(p -> p.equals(zip) || p.startsWith(r.root()));
        }
        assertThat(tmp.getParent().resolve("evil.java")).doesNotExist();
        assertThat(r.notes()).containsExactlyInAnyOrder(
                "refused 3 zip entries with a '..' in the path (first: ../../evil.java); "
                        + "nothing is written outside the submission's folder",
                "refused 1 zip entry with an absolute path (first: /abs/evil.java); "
                        + "nothing is written outside the submission's folder",
                "refused 1 zip entry with a drive letter (first: C:\\evil\\evil.java); "
                        + "nothing is written outside the submission's folder");
    }

    @Test
    @DisplayName("a zip bomb (300 MiB of spaces in one entry) writes nothing over the per-file limit, in seconds")
    void zipBombOneFile() throws IOException {
        Path zip = tmp.resolve("bomb.zip");
        byte[] spaces = new byte[(int) MIB];
        Arrays.fill(spaces, (byte) ' ');
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setMethod(ZipOutputStream.DEFLATED);
            out.putNextEntry(new ZipEntry("kit/step1-echo/src/main/java/Big.java"));
            for (int i = 0; i < 300; i++) {
                out.write(spaces);
            }
            out.closeEntry();
            out.putNextEntry(new ZipEntry("kit/step1-echo/src/main/java/Ok.java"));
            out.write("class Ok {}".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThat(Files.size(zip)).as("the zip itself").isLessThan(2 * MIB);

        long t0 = System.nanoTime();
        Intake.Result r = Intake.take(zip, tmp.resolve("dest"), STEPS, SMALL);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("IntakeTest: take() on the 300 MiB zip bomb took " + ms + " ms");

        assertThat(ms).as("take() time in ms").isLessThan(10_000);
        assertThat(r.notes()).containsExactly("step1-echo/src/main/java/Big.java is over the 1 MiB limit for one file;"
                + " it was not taken");
        assertThat(files(r.root())).containsExactly("step1-echo/src/main/java/Ok.java"); // the intake went on
        assertThat(sizes(tmp.resolve("dest"))).allMatch(n -> n <= MIB);
    }

    @Test
    @DisplayName("a zip of 30 files of 1 MiB stops at the 20 MiB total, with a note")
    void zipOverTotal() throws IOException {
        byte[] oneMib = new byte[(int) MIB];
        Arrays.fill(oneMib, (byte) ' ');
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            entries.put(String.format("kit/step1-echo/src/main/java/F%02d.java", i), oneMib);
        }
        Path zip = zip(tmp.resolve("many.zip"), entries);

        Intake.Result r = Intake.take(zip, tmp.resolve("dest"), STEPS, SMALL);

        List<Long> sizes = sizes(tmp.resolve("dest"));
        assertThat(sizes.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(20 * MIB);
        assertThat(sizes).hasSize(20);
        assertThat(r.notes()).containsExactly("the submission's .java files pass the 20 MiB limit in all: "
                + "step1-echo/src/main/java/F20.java and the files after it were not taken");
    }

    @Test
    @DisplayName("a folder with 6 .java files over a limit of 5 gives 5, with a note")
    void folderOverFileCount() throws IOException {
        Path kit = tmp.resolve("submission");
        for (int i = 0; i < 6; i++) {
            write(kit.resolve("step1-echo/src/main/java/F" + i + ".java"), "class F" + i + " {}");
        }

        Intake.Result r = Intake.take(kit, tmp.resolve("dest"), STEPS, new Intake.Limits(MIB, 20 * MIB, 5, 20_000));

        assertThat(files(r.root())).hasSize(5);
        assertThat(r.notes())
                .containsExactly("the submission has more than 5 .java files; only the first 5 were taken");
    }

    @Test
    @DisplayName("a folder with no stepN-… folder gives an empty root and a note that says so")
    void noStepFolder() throws IOException {
        Path sub = tmp.resolve("submission");
        write(sub.resolve("a/Main.java"), "class Main {}");
        write(sub.resolve("b/Other.java"), "class Other {}");

        Intake.Result r = Intake.take(sub, tmp.resolve("dest"), STEPS, Intake.Limits.DEFAULT);

        assertThat(files(r.root())).isEmpty();
        assertThat(r.notes()).singleElement().asString().startsWith("no stepN-… folder found in the submission");
    }

    @Test
    @DisplayName("a zip whose names are not UTF-8 (an older Windows zip tool) is still read")
    void zipWithLegacyNames() throws IOException {
        Path zip = tmp.resolve("josé.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip), StandardCharsets.ISO_8859_1)) {
            out.putNextEntry(new ZipEntry("José/step1-echo/src/main/java/Ok.java"));
            out.write("class Ok {}".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        Intake.Result r = Intake.take(zip, tmp.resolve("dest"), STEPS, Intake.Limits.DEFAULT);

        assertThat(r.notes()).isEmpty();
        assertThat(files(r.root())).containsExactly("step1-echo/src/main/java/Ok.java");
    }

    /**
     * Takes a submission of one regular source and a link at rel to target: the link is refused with the usual
     * note, and only the regular source is copied.
     */
    private Intake.Result takeWithLink(String regular, String rel, Path target) throws IOException {
        Path kit = tmp.resolve("submission");
        write(kit.resolve(regular), "class Regular {}");
        link(kit.resolve(rel), target);

        Intake.Result r = Intake.take(kit, tmp.resolve("dest"), STEPS, Intake.Limits.DEFAULT);

        assertThat(r.notes()).containsExactly("refused a symbolic link: " + rel
                + " (submit regular files; links are not followed)");
        assertThat(files(r.root())).containsExactly(regular);
        return r;
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links cannot be made here: " + e);
        }
    }

    private static Path zip(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    /** The files under root, relative, sorted; each must be a regular file, not a link. */
    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> all = s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted()
                    .collect(Collectors.toList());
            assertThat(all).allMatch(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
            return all.stream().map(p -> root.relativize(p).toString().replace('\\', '/')).collect(Collectors.toList());
        }
    }

    /** The sizes of every file under dir. */
    private static List<Long> sizes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.toFile().length()).collect(Collectors.toList());
        }
    }
}
