package dcchat.framing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A client that speaks frames: sends {@link ChatMessage}s and receives them (README §11).
 *
 * <p>Step 2 of DCChat. Step 1's client with the line reader and writer replaced by a {@link FrameReader}
 * and a {@link FrameWriter} on the same socket streams.
 *
 * <pre>
 *   ./dcchat framed-echo-client --port 5000     (each line you type is sent as a chat message)
 * </pre>
 */
public final class FramedClient implements AutoCloseable {

    private final Socket socket;
    private final FrameReader reader;
    private final FrameWriter writer;

    /**
     * Connects to a framed server.
     *
     * @param host the server's host, e.g. {@code "127.0.0.1"}
     * @param port the server's port
     * @throws IOException if the connection cannot be made
     */
    public FramedClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        reader = new FrameReader(socket.getInputStream());
        writer = new FrameWriter(socket.getOutputStream());
    }

    /**
     * Sends one message as one frame.
     *
     * @param message the message
     * @throws IOException if the connection fails
     */
    public void send(ChatMessage message) throws IOException {
        writer.writeFrame(MessageCodec.encode(message));
    }

    /**
     * Waits for the next message.
     *
     * @return the message, or empty if the server closed the connection between two frames
     * @throws FramingException    if the server's bytes break the frame rules
     * @throws BadMessageException if a frame does not hold a valid message
     * @throws IOException         if the connection fails
     */
    public Optional<ChatMessage> receive() throws IOException {
        Optional<byte[]> body = reader.readFrame();
        if (body.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(MessageCodec.decode(body.get()));
    }

    /** Closes the connection. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * Sends each line typed on standard input as a chat message and prints what comes back.
     *
     * @param args optional: host (default 127.0.0.1) and port (default 5000)
     * @throws IOException if the connection fails
     */
    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (FramedClient client = new FramedClient(host, port)) {
            console.println("Connected to " + host + ":" + port + ". Type a line; Ctrl+D ends.");
            String line;
            while ((line = stdin.readLine()) != null) {
                client.send(ChatMessage.chat(line));
                Optional<ChatMessage> reply = client.receive();
                if (reply.isEmpty()) {
                    console.println("(the server closed the connection)");
                    return;
                }
                console.println("← " + reply.get());
            }
        }
    }
}
