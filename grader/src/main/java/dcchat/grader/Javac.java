package dcchat.grader;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac in the grader's own JVM, warm after the first call: {@code --release 17} and no annotation processing,
 * so compiling runs no code from the sources it compiles. Sources come from {@link Intake}: regular files,
 * bounded in size and count.
 */
final class Javac {

    /** What javac said. */
    record Compiled(boolean ok, String messages) {
    }

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private Javac() {
    }

    /** Compiles sources against a class path into out. */
    static Compiled compile(List<Path> sources, List<Path> classpath, Path out) throws IOException {
        return compileWith(sources, List.of("-cp", join(classpath)), out);
    }

    /** Compiles sources with extra options (a class path or a module path) into out. */
    static Compiled compileWith(List<Path> sources, List<String> pathOptions, Path out) throws IOException {
        Files.createDirectories(out);
        if (sources.isEmpty()) {
            return new Compiled(true, "");
        }
        if (JAVAC == null) {
            throw new IllegalStateException("no javac: run the grader with a JDK, not a JRE");
        }
        StringWriter messages = new StringWriter();
        List<String> options = new ArrayList<>(List.of("--release", "17", "-proc:none", "-encoding", "UTF-8",
                "-nowarn", "-Xlint:none", "-implicit:none", "-Xmaxerrs", "20", "-d", out.toString()));
        options.addAll(pathOptions);
        try (StandardJavaFileManager fm = JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
            boolean ok = JAVAC.getTask(messages, fm, null, options, null, units).call();
            return new Compiled(ok, messages.toString());
        } catch (RuntimeException e) {
            return new Compiled(false, "javac failed: " + e);
        }
    }

    static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
