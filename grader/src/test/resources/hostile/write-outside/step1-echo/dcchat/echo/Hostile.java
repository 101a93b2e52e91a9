package dcchat.echo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/*
 * HOSTILE FIXTURE write-outside — change files outside the sandbox.
 *
 * What the student tries: append to, create a file beside, chmod and touch the kit's dcchat script (also as
 * ../dcchat from the working folder), the kit's pom, solutions, tests and grading.properties, and the test
 * libraries' jars (not appended to: should it work, git or a rebuild undoes all of these); and also rename and
 * delete the prepared workspace (the pristine compiled tests and the reference classes every student's run
 * uses, and the runner), this run's own compiled classes, its own submission, a classmate's submission, the
 * TA's reports and the grader's work folder (every cached build in it). The test writes the TA's real paths in
 * place of the @…@ words. Every change that works is printed "WRITTEN". (Writing the host's /tmp is tried by
 * the fixtures that write /tmp: inside the sandbox that is its own.) This starter scores 0 honestly.
 *
 * Why it must fail: in the sandbox everything but a private /tmp is read-only or absent; the test compares
 * checksums of all of it before and after. (The test calls Hostile.run() once, from the start of
 * EchoServer's constructor.)
 */
public final class Hostile {

    private static final byte[] MARK = "\n# dcchat-hostile was here\n".getBytes(StandardCharsets.UTF_8);

    private Hostile() {
    }

    static void run() {
        // The kit's own files and the test libraries: changes that git or a rebuild can undo, should one work.
        List<Path> kit = new ArrayList<>(List.of(Path.of("@KIT_ROOT@/dcchat"), Path.of("../dcchat"),
                Path.of("../../dcchat"), Path.of("@KIT_ROOT@/pom.xml"),
                Path.of("@KIT_ROOT@/solutions/step1-echo/src/main/java/dcchat/echo/EchoServer.java"),
                Path.of("@KIT_ROOT@/step1-echo/src/test/java/dcchat/echo/EchoServerTest.java"),
                Path.of("@KIT_ROOT@/grader/grading.properties")));
        for (String jar : System.getProperty("jdk.module.path", "").split(":")) {
            if (!jar.isEmpty()) {
                kit.add(Path.of(jar));
            }
        }
        // Everything else: build output and the test's own folders, so deleting and renaming are tried as well.
        List<Path> other = new ArrayList<>(List.of(Path.of("@SELF@/step1-echo/src/main/java/dcchat/echo/EchoServer.java"),
                Path.of("@SHARED@/classmates/ana/step1-echo/src/main/java/dcchat/echo/EchoServer.java"),
                Path.of("@SHARED@/reports/ana.md"), Path.of("@SHARED@/secret.txt")));
        for (String root : List.of("@KIT_WORK@", "@SHARED@/work/classes", "@WORK@/classes")) {
            other.addAll(files(Path.of(root)));
        }
        try {
            other.addAll(files(Path.of(Hostile.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
        } catch (Exception e) {
            System.out.println("refused: own classes (" + e + ")");
        }
        int written = 0;
        for (Path t : kit) {
            written += attempt("create beside " + t, () -> Files.write(t.resolveSibling("dcchat-hostile-new"), MARK));
            written += attempt("chmod " + t, () -> Files.setPosixFilePermissions(t,
                    PosixFilePermissions.fromString("rwxrwxrwx")));
            written += attempt("touch " + t, () -> Files.setLastModifiedTime(t, FileTime.fromMillis(0)));
            if (!t.toString().endsWith(".jar")) {
                written += attempt("append " + t, () -> Files.write(t, MARK, StandardOpenOption.APPEND));
            }
        }
        for (Path t : other) {
            written += attempt("append " + t, () -> Files.write(t, MARK, StandardOpenOption.APPEND));
            written += attempt("create beside " + t, () -> Files.write(t.resolveSibling("dcchat-hostile-new"), MARK));
            written += attempt("chmod " + t, () -> Files.setPosixFilePermissions(t,
                    PosixFilePermissions.fromString("rwxrwxrwx")));
            written += attempt("touch " + t, () -> Files.setLastModifiedTime(t, FileTime.fromMillis(0)));
            written += attempt("rename " + t, () -> Files.move(t, t.resolveSibling(t.getFileName() + ".moved"),
                    StandardCopyOption.ATOMIC_MOVE));
            written += attempt("delete " + t, () -> Files.delete(t));
        }
        written += attempt("create @KIT_ROOT@/dcchat-hostile-new.txt",
                () -> Files.write(Path.of("@KIT_ROOT@/dcchat-hostile-new.txt"), MARK));
        written += attempt("symlink in @KIT_ROOT@", () -> Files.createSymbolicLink(
                Path.of("@KIT_ROOT@/dcchat-hostile-link"), Path.of("/tmp")));
        System.out.println("write-outside: " + (kit.size() + other.size()) + " targets, " + written + " changes made");
    }

    private interface Change {
        void run() throws Exception;
    }

    private static int attempt(String what, Change change) {
        try {
            change.run();
            System.out.println("WRITTEN: " + what);
            return 1;
        } catch (Throwable t) {
            return 0;
        }
    }

    private static List<Path> files(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            System.out.println("absent: " + root);
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).limit(2000).toList();
        } catch (Exception e) {
            System.out.println("refused: walk " + root + " (" + e + ")");
            return List.of();
        }
    }
}
