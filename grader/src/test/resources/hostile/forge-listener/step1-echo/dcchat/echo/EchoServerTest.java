package dcchat.echo;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * HOSTILE FIXTURE forge-listener (see Hostile.java): an always-passing copy of the kit's EchoServerTest, with the
 * same class, nested classes and test methods, so JUnit gives its tests the same ids. The grader's own class
 * loader never uses it (the pristine tests come first on its class path); the forger's loader does.
 */
@ExtendWith(SkipWhatIsRunning.class)
class EchoServerTest {

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
