package dcchat.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A client for {@link EchoServer}: sends one line, waits for the reply line (README §8).
 *
 * <p>Step 1 of DCChat. The mirror image of the server: connect a {@code Socket}, wrap its streams in UTF-8
 * readers and writers, flush every line before waiting for the answer.
 *
 * <pre>
 *   ./dcchat echo-client --port 5000 --mine     (type lines; Ctrl+D ends)
 * </pre>
 */
public final class EchoClient implements AutoCloseable {

    // README §8: keep the Socket, a reader and a writer in fields here.

    /**
     * Connects to an echo server (README §8).
     *
     * @param host the server's host name or address, e.g. {@code "127.0.0.1"}
     * @param port the server's port
     * @throws IOException if the connection cannot be made (for example, no server listens there)
     */
    public EchoClient(String host, int port) throws IOException {
        throw new UnsupportedOperationException("Step 1: connect a Socket — see README §8 The echo client");
    }

    /**
     * Sends one line and waits for the server's reply line (README §8).
     *
     * @param line the text to send, without a line break
     * @return the reply, without its line break, or {@code null} if the server closed the connection
     * @throws IOException if the connection fails
     */
    public String send(String line) throws IOException {
        throw new UnsupportedOperationException("Step 1: write the line, flush, read the reply — see README §8 The echo client");
    }

    /** Closes the connection; the server then sees the end of the stream (README §5). */
    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("Step 1: close the socket — see README §8 The echo client");
    }

    /**
     * Reads lines from standard input, sends each one and prints the reply. Already written for you.
     *
     * @param args optional: host (default 127.0.0.1) and port (default 5000)
     * @throws IOException if the connection fails
     */
    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (EchoClient client = new EchoClient(host, port)) {
            console.println("Connected to " + host + ":" + port + ". Type a line; Ctrl+D (Ctrl+Z on Windows) ends.");
            String line;
            while ((line = stdin.readLine()) != null) {
                String reply = client.send(line);
                if (reply == null) {
                    console.println("(the server closed the connection)");
                    return;
                }
                console.println("echo: " + reply);
            }
        }
    }
}
