package dcchat.echo;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * HOSTILE FIXTURE (shared by forge-listener and forge-shadow; see HostileSubmissionTest).
 *
 * Not an attack by itself: an always-passing copy of the kit's EchoServerTest, with the same class, nested
 * classes and test methods, so JUnit gives its tests the same ids, and no assertions. forge-shadow ships it in
 * the hope that the test JVM loads it in place of the kit's (the pristine tests come first on the class path, so
 * "SHADOW LOADED" must never show); forge-listener's forger loads it on purpose, with a class loader of its own,
 * to replay the runner's listener over it — skipping, in that replay, the test the real run has already started
 * (SkipWhatIsRunning).
 */
@ExtendWith(SkipWhatIsRunning.class)
class EchoServerTest {

    static {
        System.out.println("SHADOW LOADED: dcchat.echo.EchoServerTest");
    }

    @Nested
    class OpeningAServerSocket {
        @Test
        void portZeroPicksAFreePort() {
        }

        @Test
        void twoServersTwoPorts() {
        }

        @Test
        void takenPortIsRefused() {
        }
    }

    @Nested
    class AcceptingClients {
        @Test
        void firstClientIsServed() {
        }

        @Test
        void clientsAreServedOneAfterAnother() {
        }
    }

    @Nested
    class EchoingLines {
        @Test
        void manyLinesInOrder() {
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "2", "3", "4", "5"})
        void utf8RoundTrip(String line) {
        }

        @Test
        void longLine() {
        }

        @Test
        void replyIsFlushed() {
        }
    }

    @Nested
    class EndOfStream {
        @Test
        void serverClosesAfterClientEof() {
        }

        @Test
        void halfLineThenLeave() {
        }

        @Test
        void resetConnection() {
        }

        @Test
        void resetIsLogged() {
        }

        @Test
        void leavesWithoutReading() {
        }
    }

    @Nested
    class OneClientAtATime {
        @Test
        void secondClientWaits() {
        }
    }

    @Nested
    class ClosingTheServer {
        @Test
        void closeUnblocksAccept() {
        }

        @Test
        void closeWhileWaitingInAccept() {
        }

        @Test
        void closeFreesThePort() {
        }

        @Test
        void closeTwice() {
        }
    }
}
