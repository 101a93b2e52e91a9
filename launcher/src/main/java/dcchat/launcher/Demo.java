package dcchat.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dcchat demo}, for lecturers: the chat server on a free port, then two chat windows, ana and bob (without
 * a display, a console client instead). {@link Dcchat} builds step 5 first, then runs this file with the JDK.
 */
public final class Demo {
    private Demo() {
    }

    /** args: the class path argument for step 5 and what it builds on, e.g. @step5-gui/target/classpath.txt. */
    public static void main(String[] args) throws IOException, InterruptedException {
        System.exit(run(args[0], System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win")));
    }

    static int run(String classpath, boolean windows) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", classpath, "dcchat.broadcast.ChatServer", "--port", "0")
                .redirectErrorStream(true);
        Process server = pb.start();
        List<Process> clients = new ArrayList<>();
        // Ctrl+C, or a kill of this process: the windows and the server go with it (none outlives the demo).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (clients) {
                clients.forEach(Process::destroy);
            }
            server.destroy();
        }, "demo-stop"));
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("DCChat server listening on 127\\.0\\.0\\.1:(\\d+)");
        StringBuilder seen = new StringBuilder();
        String port = null;
        for (String line = out.readLine(); line != null && port == null; line = port == null ? out.readLine() : null) {
            Matcher m = listening.matcher(line);
            if (m.matches()) {
                port = m.group(1);
            } else {
                seen.append(line).append(System.lineSeparator());
            }
        }
        if (port == null) {
            System.err.println("dcchat demo: the server did not start:" + System.lineSeparator() + seen);
            return 1;
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "demo-server-output");
        drain.setDaemon(true);
        drain.start();
        System.out.println("dcchat demo: the chat server listens on 127.0.0.1:" + port + " (it stops when the demo ends;");
        System.out.println("             to show a server going away before that: " + (windows ? "taskkill /F /PID "
                : "kill ") + server.pid() + ")");
        List<String> base = List.of(java, "-cp", classpath);
        if (hasDisplay(windows)) {
            for (String[] who : new String[][] {{"ana", "40"}, {"bob", "640"}}) {
                List<String> c = new ArrayList<>(base);
                c.addAll(List.of("dcchat.gui.ChatWindow", "--host", "127.0.0.1", "--port", port, "--name", who[0],
                        "--x", who[1], "--y", "60"));
                start(clients, c);
            }
            System.out.println("dcchat demo: two chat windows, ana and bob. Close both (or press Ctrl+C) to end.");
            System.out.println("dcchat demo: more clients: dcchat gui --name carol --port " + port
                    + "   or   dcchat client --name dave --port " + port);
        } else {
            System.out.println("no display: the server and a console client instead (/quit leaves)");
            List<String> c = new ArrayList<>(base);
            c.addAll(List.of("dcchat.broadcast.ConsoleClient", "--host", "127.0.0.1", "--port", port, "--name", "ana"));
            start(clients, c);
        }
        for (Process p : List.copyOf(clients)) {
            p.waitFor();
        }
        server.destroy();
        return 0;
    }

    /** Starts a client; the shutdown hook may read the list meanwhile. */
    private static void start(List<Process> clients, List<String> command) throws IOException {
        synchronized (clients) {
            clients.add(new ProcessBuilder(command).inheritIO().start());
        }
    }

    /** Where a window can open: Windows, macOS, or a Linux/BSD desktop (DISPLAY or WAYLAND_DISPLAY set). */
    static boolean hasDisplay(boolean windows) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return windows || os.contains("mac") || System.getenv("DISPLAY") != null
                || System.getenv("WAYLAND_DISPLAY") != null;
    }
}
