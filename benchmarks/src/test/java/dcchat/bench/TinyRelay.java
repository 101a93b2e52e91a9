package dcchat.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal broadcast server for testing the benchmark itself: a thread per client, one lock around the room,
 * writes straight to each socket. It can be told to drop one chat line for one client, to prove that the
 * benchmark notices a loss.
 */
final class TinyRelay implements AutoCloseable {

    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final Map<String, OutputStream> members = new LinkedHashMap<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final int dropChatNumber;
    private int chatsToSecondMember;

    /** @param dropChatNumber the n-th chat line (from 1) not to deliver to the second member; 0 = drop none */
    TinyRelay(int dropChatNumber) throws IOException {
        this.dropChatNumber = dropChatNumber;
        Thread accept = new Thread(this::acceptLoop, "tiny-relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket s = listener.accept();
                synchronized (this) {
                    sockets.add(s);
                }
                Thread t = new Thread(() -> serve(s), "tiny-relay-client");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException e) {
            // closed: stop accepting
        }
    }

    private void serve(Socket socket) {
        String name = null;
        try (socket) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            byte[] body;
            while ((body = Wire.readFrame(in)) != null) {
                Wire.Message m = Wire.decode(body);
                synchronized (this) {
                    if ("join".equals(m.type()) && name == null) {
                        name = m.username();
                        for (String present : members.keySet()) {
                            out.write(Wire.joinFrame(present));
                        }
                        members.put(name, out);
                        for (OutputStream o : members.values()) {
                            o.write(Wire.joinFrame(name));
                        }
                    } else if ("chat".equals(m.type()) && name != null) {
                        byte[] relay = chat(name, m.data());
                        int index = 0;
                        for (OutputStream o : members.values()) {
                            if (index++ == 1 && ++chatsToSecondMember == dropChatNumber) {
                                continue;
                            }
                            o.write(relay);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // this client is gone
        } finally {
            synchronized (this) {
                if (name != null) {
                    members.remove(name);
                }
            }
        }
    }

    /** A relayed chat frame: type, username, data (written by hand: Wire only builds what clients send). */
    private static byte[] chat(String username, String data) {
        byte[] body = ("{\"type\":\"chat\",\"username\":\"" + username + "\",\"data\":\"" + data + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] frame = new byte[4 + body.length];
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, 4, body.length);
        return frame;
    }

    @Override
    public synchronized void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
