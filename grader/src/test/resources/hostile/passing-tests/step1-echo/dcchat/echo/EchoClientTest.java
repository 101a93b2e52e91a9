package dcchat.echo;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/*
 * HOSTILE FIXTURE (shared by forge-listener and forge-shadow; see EchoServerTest.java beside it): an
 * always-passing copy of the kit's EchoClientTest (same ids, no assertions).
 */
@ExtendWith(SkipWhatIsRunning.class)
class EchoClientTest {

    static {
        System.out.println("SHADOW LOADED: dcchat.echo.EchoClientTest");
    }

    @Nested
    class TheEchoClient {
        @Test
        void sendReturnsReply() {
        }

        @Test
        void severalSends() {
        }

        @Test
        void sendsUtf8() {
        }

        @Test
        void nullWhenServerCloses() {
        }

        @Test
        void closeEndsTheStream() {
        }

        @Test
        void connectionRefused() {
        }
    }
}
