package dcchat.framing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

/**
 * Step 1's echo server, evolved to speak frames: every frame a client sends is decoded as a
 * {@link ChatMessage} and sent back to it, framed (README §10).
 *
 * <p>Step 2 of DCChat. What changed since step 1: {@link #echoFrames} replaces the line loop with
 * {@link FrameReader}/{@link FrameWriter} and {@link MessageCodec}, and a client that breaks the wire
 * contract gets an {@code error} frame naming the problem before its connection is closed. The accept loop
 * and {@code close()} are step 1's, unchanged: still one client at a time (step 3 fixes that).
 *
 * <pre>
 *   ./dcchat framed-echo-server --port 5000
 * </pre>
 */
public final class FramedEchoServer implements AutoCloseable {

    private final ServerSocket serverSocket;

    /**
     * Opens the server on the loopback address.
     *
     * @param port the TCP port, or 0 for any free one
     * @throws IOException if the port cannot be bound
     */
    public FramedEchoServer(int port) throws IOException {
        serverSocket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }

    /** @return the port this server listens on */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * Accepts clients one after another and echoes each one's frames (as in step 1). Returns after
     * {@link #close()}.
     *
     * @throws IOException if the listening socket fails for another reason than being closed
     */
    public void serve() throws IOException {
        while (!serverSocket.isClosed()) {
            Socket client;
            try {
                client = serverSocket.accept();
            } catch (SocketException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
                throw e;
            }
            try (client) {
                echoFrames(client);
            } catch (IOException e) {
                System.err.println("framed-echo: client " + client.getRemoteSocketAddress() + " dropped: "
                        + e.getMessage());
            }
        }
    }

    /**
     * Reads frames from one client and echoes each decoded message back, framed, until the client closes
     * its side. A frame that breaks the wire contract is answered with an {@code error} frame, and then
     * this client's connection ends (README §10).
     *
     * @param client a connected socket; the caller closes it
     * @throws IOException if the connection fails
     */
    public static void echoFrames(Socket client) throws IOException {
        FrameReader reader = new FrameReader(client.getInputStream());
        FrameWriter writer = new FrameWriter(client.getOutputStream());
        while (true) {
            ChatMessage message;
            try {
                Optional<byte[]> body = reader.readFrame();
                if (body.isEmpty()) {
                    return; // clean end of stream
                }
                message = MessageCodec.decode(body.get());
            } catch (FramingException | BadMessageException e) {
                writer.writeFrame(MessageCodec.encode(ChatMessage.error(e.getMessage())));
                return; // the stream can no longer be trusted: end this client
            }
            writer.writeFrame(MessageCodec.encode(message));
        }
    }

    /** Closes the listening socket; a blocked {@link #serve()} returns. */
    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the framed echo server on port " + port(), e);
        }
    }

    /**
     * Runs a framed echo server until the process is stopped.
     *
     * @param args optional: the port (default 5000)
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        try (FramedEchoServer server = new FramedEchoServer(port)) {
            System.out.println("Framed echo server listening on 127.0.0.1:" + server.port() + " (Ctrl+C stops it)");
            server.serve();
        }
    }
}
