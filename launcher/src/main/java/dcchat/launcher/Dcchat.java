package dcchat.launcher;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where {@code ./dcchat}, {@code dcchat.cmd} and {@code dcchat.ps1} start: they run this class from
 * launcher/target/classes when it is there, else this file with the JDK's source launcher ({@code java Dcchat.java}:
 * no build first). It keeps the launcher's classes current — compiled with javac when they are missing or older
 * than a source — and hands over to {@link Launcher}. A JVM starts from classes in a fraction of the time it takes
 * to compile the launcher each run. This file uses nothing else of its package: the source launcher compiles it
 * alone.
 */
public final class Dcchat {

    private Dcchat() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("dcchat.home", ".")).toAbsolutePath().normalize();
        Path sources = root.resolve("launcher/src/main/java/dcchat/launcher");
        Path classes = root.resolve("launcher/target/classes");
        if (stale(sources, classes) && !compile(sources, classes)) {
            System.err.println("dcchat: the launcher (" + sources + ") does not compile: see above.");
            System.exit(1);
        }
        // The launcher's own loader, over the classes just checked, in both modes (run from source, this class's
        // loader does not see them; run from classes, this class may be the one that was stale).
        ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        loader.loadClass("dcchat.launcher.Launcher").getMethod("main", String[].class).invoke(null, (Object) args);
    }

    /** Whether the compiled launcher is missing, or older than one of its sources. */
    static boolean stale(Path sources, Path classes) throws IOException {
        Path marker = classes.resolve("dcchat/launcher/Launcher.class");
        if (!Files.exists(marker)) {
            return true;
        }
        FileTime compiled = Files.getLastModifiedTime(marker);
        for (Path f : javaFiles(sources)) {
            if (Files.getLastModifiedTime(f).compareTo(compiled) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compiles the launcher's sources (for Java 17, whatever JDK runs this) into a private folder, then moves each
     * class into place at once: a launcher starting meanwhile reads an old class or a new one, never half of one.
     */
    static boolean compile(Path sources, Path classes) throws IOException {
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            System.err.println("dcchat: this Java has no compiler (javac): install a JDK 17 or newer, not a JRE.");
            return false;
        }
        Path tmp = Files.createDirectories(classes.getParent()).resolve("launcher-" + ProcessHandle.current().pid());
        List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-d", tmp.toString()));
        javaFiles(sources).forEach(f -> args.add(f.toString()));
        boolean ok = javac.run(null, null, null, args.toArray(String[]::new)) == 0;
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                if (ok) {
                    Path to = classes.resolve(tmp.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.move(f, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        try (Stream<Path> left = Files.walk(tmp)) {
            left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return ok;
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }
}
