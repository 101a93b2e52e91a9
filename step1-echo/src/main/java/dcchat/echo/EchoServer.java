package dcchat.echo;

import java.io.IOException;
import java.net.Socket;

/**
 * A blocking echo server: it sends every line a client writes straight back to that client.
 *
 * <p>Step 1 of DCChat. You write it by following step1-echo/README.md, section by section; each method
 * below names its section. The tests in src/test/java are the specification: run
 * {@code ./mvnw test -pl step1-echo} and make them green one section at a time.
 *
 * <pre>
 *   ./dcchat echo-server --port 5000 --mine     (then, in another terminal: ./dcchat echo-client --port 5000)
 * </pre>
 */
public final class EchoServer implements AutoCloseable {

    // README §2: keep the ServerSocket in a field here.

    /**
     * Opens the server on the loopback address 127.0.0.1 (README §2).
     *
     * @param port the TCP port to listen on, or 0 to let the operating system pick a free one
     * @throws IOException if the port cannot be bound (for example, it is taken)
     */
    public EchoServer(int port) throws IOException {
        throw new UnsupportedOperationException("Step 1: open a ServerSocket on 127.0.0.1 — see README §2 Opening a server socket");
    }

    /**
     * The port this server listens on: the real one, also when it was opened with port 0 (README §2).
     *
     * @return the local TCP port
     */
    public int port() {
        throw new UnsupportedOperationException("Step 1: report the bound port — see README §2 Opening a server socket");
    }

    /**
     * Accepts clients one after another and echoes each one's lines until it disconnects (README §3).
     * Blocks the calling thread; returns when {@link #close()} is called (README §7).
     *
     * @throws IOException if the listening socket fails for any other reason than being closed
     */
    public void serve() throws IOException {
        throw new UnsupportedOperationException("Step 1: loop over accept() — see README §3 Accepting clients");
    }

    /**
     * Echoes one client's lines back to it until it closes its side (README §4 and §5).
     *
     * @param client a connected socket; the caller closes it
     * @throws IOException if reading from or writing to the client fails
     */
    static void echo(Socket client) throws IOException {
        throw new UnsupportedOperationException("Step 1: read lines, write them back, flush — see README §4 Echoing lines");
    }

    /**
     * Stops the server: closes the listening socket, which makes a blocked {@link #serve()} return
     * (README §7). Calling it again does nothing.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("Step 1: close the listening socket — see README §7 Closing the server");
    }

    /**
     * Runs an echo server until the process is stopped (Ctrl+C). Already written for you.
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
