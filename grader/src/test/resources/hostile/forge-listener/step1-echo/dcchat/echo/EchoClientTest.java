package dcchat.echo;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/*
 * HOSTILE FIXTURE forge-listener (see Hostile.java): an always-passing copy of the kit's EchoClientTest (same
 * ids, no assertions), for the forger's loader only.
 */
@ExtendWith(SkipWhatIsRunning.class)
class EchoClientTest {

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
