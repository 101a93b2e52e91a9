package dcchat.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
     * first and quotes the line, making it a JDK argument file (java -cp @file: no length limit, no shell).
     */
    static void classpathFile(Path module, String sep) throws IOException {
        Path file = module.resolve("target/classpath.txt");
        String deps = Files.exists(file) ? Files.readString(file).strip() : "";
        String classes = module.resolve("target/classes").toString();
        String line = deps.isEmpty() ? classes : classes + sep + deps;
        Files.writeString(file, "\"" + line.replace("\\", "\\\\") + "\"\n");
    }
}


