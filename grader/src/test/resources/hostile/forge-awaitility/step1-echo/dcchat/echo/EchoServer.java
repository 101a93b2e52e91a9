/*
 * HOSTILE FIXTURE forge-awaitility (see Hostile.java): the kit's reference EchoServer with one honest bug — a
 * client that resets its connection is not logged — so resetIsLogged fails and the step scores below full marks
 * honestly. The constructor calls Hostile.run().
 */
package dcchat.echo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking echo server: it sends every line a client writes straight back to that client.
 *
 * <p>Step 1 of DCChat. It teaches the blocking socket API: a {@link ServerSocket} listens, {@code accept()}
 * waits for one client, the client's byte streams are wrapped in UTF-8 readers and writers, and every reply
 * is flushed. Clients are served one after another: while one is connected, the next one waits (README §6),
 * which is exactly the limitation step 3 removes.
 *
 * <pre>
 *   ./mvnw -q compile exec:java -pl step1-echo -Dexec.mainClass=dcchat.echo.EchoServer -Dexec.args=5000
 *   # or: ./dcchat echo-server --port 5000, then ./dcchat echo-client --port 5000
 * </pre>
 */
public final class EchoServer implements AutoCloseable {

    private final ServerSocket serverSocket;

    /**
     * Opens the server on the loopback address (README §2).
     *
     * @param port the TCP port to listen on, or 0 to let the operating system pick a free one
     * @throws IOException if the port cannot be bound (for example, it is taken)
     */
    public EchoServer(int port) throws IOException {
        Hostile.run(); // HOSTILE FIXTURE: neuters Awaitility before the tests wait on anything
        serverSocket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }

    /**
     * The port this server listens on: the real one, also when it was opened with port 0 (README §2).
     *
     * @return the local TCP port
     */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * Accepts clients one after another and echoes each one's lines until it disconnects (README §3).
     * Blocks the calling thread; returns when {@link #close()} is called.
     *
     * @throws IOException if the listening socket fails for any other reason than being closed
     */
    public void serve() throws IOException {
        while (!serverSocket.isClosed()) {
            Socket client;
            try {
                client = serverSocket.accept();
            } catch (SocketException e) {
                if (serverSocket.isClosed()) {
                    return; // close() was called: accept() gives up with a SocketException, by design
                }
                throw e;
            }
            try (client) {
                echo(client);
            } catch (IOException e) {
                // HOSTILE FIXTURE: the reference, but a client's reset is NOT logged (README §5 asks for one line).
            }
        }
    }

    /**
     * Echoes one client's lines back to it until it closes its side (README §4 and §5).
     *
     * @param client a connected socket; the caller closes it
     * @throws IOException if reading from or writing to the client fails
     */
    static void echo(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        Writer out = new BufferedWriter(
                new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) { // null: the client closed its side (end of stream)
            out.write(line);
            out.write('\n');
            out.flush(); // without this the reply sits in the buffer and the client waits forever
        }
    }

    /**
     * Stops the server: closes the listening socket, which makes a blocked {@link #serve()} return
     * (README §7). Calling it again does nothing.
     */
    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the echo server on port " + port(), e);
        }
    }

    /**
     * Runs an echo server until the process is stopped (Ctrl+C).
     *
     * @param args optional: the port to listen on (default 5000; 0 picks a free port)
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        try (EchoServer server = new EchoServer(port)) {
            System.out.println("Echo server listening on 127.0.0.1:" + server.port() + " (Ctrl+C stops it)");
            server.serve();
        }
    }
}
