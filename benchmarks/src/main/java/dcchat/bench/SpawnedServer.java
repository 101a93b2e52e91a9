package dcchat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test, started as a child process — {@code java -cp CP dcchat.broadcast.ChatServer --port 0},
 * or another main class that prints the same line (the Netty comparator) — so that it shares no heap, no threads and no garbage collector with the load generator. Its port comes
 * from the line it prints on start ({@code DCChat server listening on 127.0.0.1:PORT}); its later output and
 * its stderr are passed on to this process's stderr. Closing it stops it (SIGTERM, then SIGKILL), and a
 * shutdown hook stops it too if the benchmark itself is stopped.
 */
final class SpawnedServer implements AutoCloseable {

    /** The step 4 server's main class. */
    static final String MAIN_CLASS = "dcchat.broadcast.ChatServer";

    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+)\\s*$");

    private final Process process;
    private final int port;
    private final Thread hook;

    private SpawnedServer(Process process, int port) {
        this.process = process;
        this.port = port;
        this.hook = new Thread(this::stop, "bench-stop-server");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts the server and waits, bounded, for it to say which port it took.
     *
     * @param mainClass the server's main class, {@value #MAIN_CLASS} or a peer's
     * @param classpath a class path holding it and what it needs
     * @param options   JVM options for it (system properties), before the main class
     * @param wait      the most to wait for the "listening on" line
     * @return the running server
     * @throws IOException if it cannot start, exits, or does not print its port in time (it is then stopped)
     */
    static SpawnedServer start(String mainClass, String classpath, List<String> options, Duration wait)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString()); // the benchmark's own JDK
        command.addAll(options);
        command.addAll(List.of("-cp", classpath, mainClass, "--port", "0"));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, port), "bench-server-stdout");
        pump.setDaemon(true);
        pump.start();
        try {
            int p = port.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            return new SpawnedServer(process, p);
        } catch (ExecutionException | TimeoutException e) {
            destroy(process);
            String why = e instanceof TimeoutException ? "did not print its port within " + wait.toSeconds() + " s"
                    : e.getCause().getMessage();
            throw new IOException("the server (java -cp … " + mainClass + " --port 0) " + why
                    + "; its own messages, if any, are above");
        } catch (InterruptedException e) {
            destroy(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the server was starting", e);
        }
    }

    /** Reads the server's stdout: the first "listening on" line gives the port, every line goes to stderr. */
    private static void pump(Process process, CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.err.println("server: " + line);
                Matcher m = LISTENING.matcher(line);
                if (!port.isDone() && m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException | NumberFormatException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IOException("exited before printing 'listening on HOST:PORT'"));
    }

    /** @return the port the server listens on */
    int port() {
        return port;
    }

    /** @return the server process's id */
    long pid() {
        return process.pid();
    }

    /** @return CPU time the server process has used so far, in seconds, or -1 if the OS does not say */
    double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    /** Stops the server: SIGTERM (its shutdown hook closes every client), then SIGKILL after 5 s. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (harmlessly) again
        }
    }

    private void stop() {
        destroy(process);
    }

    private static void destroy(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
