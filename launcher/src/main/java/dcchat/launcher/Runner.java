package dcchat.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs the steps of a plan with the console attached. */
final class Runner {
    private Runner() {
    }

    static int run(Launcher.Kit kit, List<Launcher.Step> plan) throws IOException, InterruptedException {
        for (int i = 0; i < plan.size(); i++) {
            Launcher.Step s = plan.get(i);
            if (s.command() == null) {
                System.out.print(s.onFailure());
                return 0;
            }
            if (s.announce() != null) {
                System.err.println(s.announce());
            }
            Process p = new ProcessBuilder(s.command()).directory(kit.root().toFile()).inheritIO().start();
            // Ended by a signal (kill, a closed terminal), the launcher ends what it started: no orphan server.
            Thread stop = new Thread(p::destroy, "dcchat-stop-child");
            Runtime.getRuntime().addShutdownHook(stop);
            int exit = p.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            if (exit == 0 && s.module() != null) {
                classpathFile(kit.root().resolve(s.module()), kit.pathSeparator());
            }
            if (i == plan.size() - 1) {
                return exit;
            }
            if (exit != 0) {
                System.err.println("dcchat: " + s.onFailure());
                return 1;
            }
        }
        return 0;
    }

    /**
     * MODULE/target/classpath.txt, as Maven wrote it, holds the dependencies; this puts the module's own classes
     * first and quotes the line, making it a JDK argument file (java -cp @file: no length limit, no shell). Another
     * module's classes folder in it (the grader's class path has launcher/target/classes) is replaced by a copy in
     * MODULE/target/modules/NAME: the kit check's {@code mvnw clean} deletes the launcher's classes while the kit
     * program still loads classes from them.
     */
    static void classpathFile(Path module, String sep) throws IOException {
        Path file = module.resolve("target/classpath.txt");
        String deps = Files.exists(file) ? Files.readString(file).strip() : "";
        List<String> entries = new ArrayList<>(List.of(module.resolve("target/classes").toString()));
        Path kit = module.toAbsolutePath().normalize().getParent();
        for (String e : deps.isEmpty() ? new String[0] : deps.split(java.util.regex.Pattern.quote(sep))) {
            Path p = Path.of(e).toAbsolutePath().normalize();
            boolean otherModule = Files.isDirectory(p) && p.endsWith("target/classes") && p.startsWith(kit)
                    && p.getNameCount() == kit.getNameCount() + 3;
            entries.add(otherModule ? snapshot(p, module.resolve("target/modules")
                    .resolve(p.getName(kit.getNameCount()).toString())).toString() : e);
        }
        String line = String.join(sep, entries);
        Files.writeString(file, "\"" + line.replace("\\", "\\\\") + "\"\n");
    }

    /** A copy of a classes folder: files whose size or time differ are copied, files no longer there deleted. */
    static Path snapshot(Path classes, Path copy) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        for (Path f : files) {
            Path to = copy.resolve(classes.relativize(f).toString());
            if (!Files.exists(to) || Files.size(to) != Files.size(f)
                    || !Files.getLastModifiedTime(to).equals(Files.getLastModifiedTime(f))) {
                Files.createDirectories(to.getParent());
                Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        if (Files.isDirectory(copy)) {
            try (Stream<Path> s = Files.walk(copy)) {
                for (Path f : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                    if (!Files.exists(classes.resolve(copy.relativize(f).toString()))) {
                        Files.delete(f);
                    }
                }
            }
        }
        return copy;
    }
}
