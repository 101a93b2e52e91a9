package dcchat.echo;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;

/*
 * HOSTILE FIXTURE network — reach the network, and leave a server open for the world.
 *
 * What the student tries: connect to a non-loopback address (192.0.2.1, TEST-NET-1: unroutable by design, so
 * nothing real is ever contacted; 1 s timeout), resolve a name, send a UDP datagram, connect to the host's
 * Unix sockets (Docker, D-Bus, X11), and bind a server socket on all interfaces at port @PORT@ and leave it
 * open with a thread accepting; it stays up two seconds while the test knocks on that port from the host.
 * Everything that works is printed "REACHED" or "ACCEPTED". Then carry on as the reference, which scores full
 * marks honestly.
 *
 * Why it must fail: the sandbox has a network namespace of its own with only loopback; the listening socket
 * is reported in the feedback and dies with the JVM. (The test calls Hostile.run() once, from the start of
 * EchoServer's constructor.)
 */
public final class Hostile {

    static volatile ServerSocket left;

    private Hostile() {
    }

    static void run() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("192.0.2.1", 80), 1000);
            System.out.println("REACHED 192.0.2.1:80");
        } catch (Throwable t) {
            System.out.println("refused: connect 192.0.2.1:80: " + t);
        }
        try {
            System.out.println("REACHED DNS: example.com is " + InetAddress.getByName("example.com"));
        } catch (Throwable t) {
            System.out.println("refused: DNS: " + t);
        }
        try (DatagramSocket d = new DatagramSocket()) {
            d.send(new DatagramPacket(new byte[] {1}, 1, InetAddress.getByName("192.0.2.1"), 53));
            System.out.println("REACHED: a UDP datagram left for 192.0.2.1:53");
        } catch (Throwable t) {
            System.out.println("refused: UDP: " + t);
        }
        for (String sock : List.of("/var/run/docker.sock", "/run/dbus/system_bus_socket", "/tmp/.X11-unix/X0")) {
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(sock));
                System.out.println("REACHED unix socket " + sock);
            } catch (Throwable t) {
                System.out.println("refused: unix socket " + sock + ": " + t);
            }
        }
        try {
            left = new ServerSocket(@PORT@, 50, InetAddress.getByName("0.0.0.0"));
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try {
                        Socket s = left.accept();
                        System.out.println("ACCEPTED a connection from " + s.getRemoteSocketAddress());
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "hostile-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            System.out.println("network: listening on 0.0.0.0:@PORT@");
            Thread.sleep(2000); // the test knocks from the host meanwhile
        } catch (Throwable t) {
            System.out.println("refused: listen: " + t);
        }
    }
}
