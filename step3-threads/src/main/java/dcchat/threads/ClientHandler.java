package dcchat.threads;

import java.net.Socket;
import java.util.Set;

/**
 * Serves one client on one thread: echoes its frames with step 2's {@code FramedEchoServer.echoFrames},
 * and whatever happens, closes its socket and removes it from the server's set of open clients.
 *
 * <p>Step 3 of DCChat (README §3 and §4). This is the unit of failure: a client that sends garbage, resets
 * its connection or vanishes must end here, on its own thread, without the accept thread or any other
 * client noticing. Not run on its own: {@link ThreadedEchoServer} creates one per accepted client.
 */
final class ClientHandler implements Runnable {

    private final Socket client;
    private final Set<Socket> openClients;

    /**
     * Already written for you.
     *
     * @param client      the accepted connection; this handler owns it from now on and closes it
     * @param openClients the server's set of connected clients, which already holds {@code client}; the
     *                    handler removes it when it ends
     */
    ClientHandler(Socket client, Set<Socket> openClients) {
        this.client = client;
        this.openClients = openClients;
    }

    /**
     * Echoes this client's frames until it leaves, breaks the wire contract, or its socket is closed by
     * {@link ThreadedEchoServer#close()} (README §3 and §4).
     */
    @Override
    public void run() {
        throw new UnsupportedOperationException("Step 3: echo this client's frames with step 2's echoFrames — see README §3 A thread per client, from an executor");
    }
}
