package dcchat.echo;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/*
 * HOSTILE FIXTURE forge-shadow — ship classes named like the ones the tests use, so that ours are loaded instead.
 *
 * What the student tries: an always-passing copy of the kit's EchoServerTest (same class and method names, no assertions).
 * If this class is ever loaded in the test JVM it says "SHADOW LOADED" on standard output and the grade rests on it.
 * The step's EchoServer is the starter, which scores 0 honestly.
 *
 * Why it must fail: the pristine compiled tests and test support come first on the step's class path, and JUnit,
 * AssertJ, Awaitility and the runner are named modules of the JVM's boot layer: a class path entry cannot
 * replace any of them.
 */
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
}
