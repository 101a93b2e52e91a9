package dcchat.threads;

import dcchat.framing.FramedEchoServer;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Set;

/**
 * Serves one client on one thread: echoes its frames with step 2's {@link FramedEchoServer#echoFrames},
 * and whatever happens, closes its socket and removes it from the server's set of open clients.
 *
 * <p>Step 3 of DCChat (README §3 and §4). This is the unit of failure: a client that sends garbage, resets
 * its connection or simply vanishes makes {@code echoFrames} return or throw here, on this client's own
 * thread. The handler logs one line, cleans up, and ends; the accept thread and every other client never
 * notice. Not run on its own: {@link ThreadedEchoServer} creates one per accepted client.
 */
final class ClientHandler implements Runnable {

    private final Socket client;
    private final SocketAddress remote;
    private final Set<Socket> openClients;

    /**
     * @param client      the accepted connection; this handler owns it from now on and closes it
     * @param openClients the server's set of connected clients, which already holds {@code client}; the
     *                    handler removes it when it ends
     */
    ClientHandler(Socket client, Set<Socket> openClients) {
        this.client = client;
        this.remote = client.getRemoteSocketAddress();
        this.openClients = openClients;
    }

    /**
     * Echoes this client's frames until it leaves, breaks the wire contract, or its socket is closed by
     * {@link ThreadedEchoServer#close()} (README §3 and §4).
     */
    @Override
    public void run() {
        try (client) {
            FramedEchoServer.echoFrames(client); // bad frames: an error frame, then it returns (step 2)
        } catch (IOException e) {
            // This client only (a reset, a broken pipe, or close() shutting us down): one line, this thread ends.
            System.err.println("threaded-echo: client " + remote + " dropped: " + e.getMessage());
        } finally {
            openClients.remove(client); // on every path, or clientCount() counts ghosts (README §3)
        }
    }
}
