package dcchat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Loopback ports as the tests see them from outside: one where nobody listens, and checks that a closed server
 * really let its port go.
 *
 * <p>Kit test support: students never edit this file. Failures are AssertJ assertions whose {@code .as(…)} is the
 * test's own sentence; {@link Teaching} adds the section to read.
 */
public final class Ports {

    private Ports() {
    }

    /**
     * A loopback port where nobody listens: the system picks a free one, and it is closed again at once.
     *
     * @return the port number
     * @throws IOException if no port could be opened at all
     */
    public static int free() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /**
     * Asserts that nobody listens on {@code port}: connecting to it is refused with a {@link ConnectException}.
     *
     * @param port    the port a closed server listened on
     * @param refused the sentence a failure shows, e.g. {@code "nobody listens on port 5000 after close()"}
     */
    public static void assertRefused(int port, String refused) {
        assertThat(catchThrowable(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()))
                .as(refused)
                .isInstanceOf(ConnectException.class);
    }

    /**
     * Asserts that a server's {@code close()} let {@code port} go: connecting is refused ({@link #assertRefused}),
     * and the port can be bound again.
     *
     * @param port    the port the server listened on
     * @param refused the sentence a failure to be refused shows, with the step's own hint
     * @throws IOException if binding the port fails for another reason than its being taken
     */
    public static void assertFreedByClose(int port, String refused) throws IOException {
        assertRefused(port, refused);
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort())
                    .as(Lesson.say("port %d should be free to bind again after close()",
                            "el puerto %d debería quedar libre para volver a enlazarlo después de close()"), port)
                    .isEqualTo(port);
        }
    }
}
