package dcchat.echo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client for {@link EchoServer}: sends one line, waits for the reply line (README §8).
 *
 * <p>Step 1 of DCChat. The mirror image of the server: {@code new Socket(host, port)} connects, the same
 * UTF-8 reader and writer wrap the streams, and every line sent is flushed before the client waits for the
 * answer.
 *
 * <pre>
 *   ./dcchat echo-client --port 5000      (type lines; Ctrl+D ends)
 * </pre>
 */
public final class EchoClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final Writer out;

    /**
     * Connects to an echo server (README §8).
     *
     * @param host the server's host name or address, e.g. {@code "127.0.0.1"}
     * @param port the server's port
     * @throws IOException if the connection cannot be made (for example, no server listens there)
     */
    public EchoClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Sends one line and waits for the server's reply line (README §8).
     *
     * @param line the text to send, without a line break
     * @return the reply, without its line break, or {@code null} if the server closed the connection
     * @throws IOException if the connection fails
     */
    public String send(String line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
        return in.readLine();
    }

    /** Closes the connection; the server then sees the end of the stream (README §5). */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * Reads lines from standard input, sends each one and prints the reply.
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
