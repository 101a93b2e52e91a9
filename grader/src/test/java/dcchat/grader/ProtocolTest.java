package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.runner.Event;
import dcchat.grader.runner.Event.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runner ↔ supervisor protocol: every event survives a round trip, a malformed stream is refused, and the
 * supervisor's validation scores only what a well-formed stream reported.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProtocolTest {

    private static final Kit.TestInfo A = new Kit.TestInfo("[t:a]", "T#a", "T › a", 1);
    private static final Kit.TestInfo B = new Kit.TestInfo("[t:b]", "T#b", "T › b", 1);
    private static final List<Set<String>> PLAN = List.of(Set.of(A.uid(), B.uid()));

    private static byte[] bytes(Event... events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        for (Event e : events) {
            Event.write(e, data);
        }
        return out.toByteArray();
    }

    private static List<Event> read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        List<Event> list = new ArrayList<>();
        for (Event e; (e = Event.read(in)) != null; ) {
            list.add(e);
        }
        return list;
    }

    @Nested
    @DisplayName("Events")
    class Events {

        @Test
        @DisplayName("every kind of event reads back equal to what was written")
        void roundTrip() throws IOException {
            Event[] all = {new Event.Planned("[u]", "K#m", "K › m", 2.5), new Event.Begin(3), new Event.Started("[u]"),
                new Event.Finished("[u]", Verdict.FAILED, "expected: 1\nbut was: 2 — ünïcødé"),
                new Event.ContainerFailed("[c]", "boom"), new Event.Exited("[u]"), new Event.LimitReached(""),
                new Event.Printed(70_000, 1.25, "hello\tworld"), new Event.StepEnded(3),
                new Event.Done(3, List.of("worker-1", "worker-2")), new Event.AllDone()};
            assertThat(read(bytes(all))).as("events after a write and a read").containsExactly(all);
        }

        @Test
        @DisplayName("a stream cut inside an event, an unknown tag or an oversized string is refused")
        void malformedStreamsAreRefused() throws IOException {
            byte[] good = bytes(new Event.Finished("[u]", Verdict.SUCCESSFUL, "fine"));
            assertThatThrownBy(() -> read(Arrays.copyOf(good, good.length - 2))).isInstanceOf(IOException.class)
                    .hasMessageContaining("ends inside an event");
            assertThatThrownBy(() -> read(new byte[] {99})).isInstanceOf(IOException.class)
                    .hasMessageContaining("unknown event tag");
            byte[] huge = {3, 0x7f, 0, 0, 0};
            assertThatThrownBy(() -> read(huge)).isInstanceOf(IOException.class).hasMessageContaining("string of");
        }
    }

    private static TestJvm.Transcript transcript(Event... events) {
        return new TestJvm.Transcript(List.of(events), null, Map.of(), 0, false, "", 1);
    }

    private static StepOutcome outcome(TestJvm.Transcript t) {
        Verdicts.JobLog log = Verdicts.validate(t, PLAN).get(0);
        return Verdicts.outcome("step1-echo", GradingMode.ISOLATED, log, t, Set.of(), 60, List.of(A, B),
                Config.defaults());
    }

    @Nested
    @DisplayName("Validation")
    class Validation {

        @Test
        @DisplayName("a well-formed run scores every test it reported as passed")
        void wellFormed() {
            StepOutcome o = outcome(transcript(new Event.Begin(0), new Event.Started(A.uid()),
                    new Event.Finished(A.uid(), Verdict.SUCCESSFUL, ""), new Event.Started(B.uid()),
                    new Event.Finished(B.uid(), Verdict.FAILED, "nope"), new Event.Printed(0, 1, ""),
                    new Event.StepEnded(0), new Event.Done(0, List.of()), new Event.AllDone()));
            assertThat(o.status()).isEqualTo(Status.GRADED);
            assertThat(o.score()).isEqualTo(10.0);
            assertThat(o.tests().get(1).message()).isEqualTo("nope");
        }

        @Test
        @DisplayName("a test reported twice stops the count there: TAMPERED, and only earlier results count")
        void duplicateIsTampering() {
            StepOutcome o = outcome(transcript(new Event.Begin(0), new Event.Started(A.uid()),
                    new Event.Finished(A.uid(), Verdict.FAILED, "x"), new Event.Finished(A.uid(), Verdict.SUCCESSFUL, ""),
                    new Event.Started(B.uid()), new Event.Finished(B.uid(), Verdict.SUCCESSFUL, ""),
                    new Event.Done(0, List.of()), new Event.AllDone()));
            assertThat(o.status()).isEqualTo(Status.TAMPERED);
            assertThat(o.score()).as("B's pass came after the broken rule").isZero();
            assertThat(o.notes()).anyMatch(n -> n.startsWith("tampered with or crashed"));
        }

        @Test
        @DisplayName("a pass for a test that never started, or one the plan does not have, is tampering")
        void forgedPassesAreRefused() {
            assertThat(outcome(transcript(new Event.Begin(0), new Event.Finished(A.uid(), Verdict.SUCCESSFUL, ""),
                    new Event.Done(0, List.of()), new Event.AllDone())).status()).isEqualTo(Status.TAMPERED);
            assertThat(outcome(transcript(new Event.Begin(0), new Event.Started("[t:forged]"),
                    new Event.Done(0, List.of()), new Event.AllDone())).status()).isEqualTo(Status.TAMPERED);
            assertThat(outcome(transcript(new Event.Begin(0), new Event.Started(A.uid()),
                    new Event.Finished(A.uid(), Verdict.SUCCESSFUL, ""), new Event.Done(0, List.of()),
                    new Event.AllDone(), new Event.Begin(1))).status()).isEqualTo(Status.TAMPERED);
        }

        @Test
        @DisplayName("a run cut off before Done is CRASHED and scores only the tests it finished")
        void cutOff() {
            StepOutcome o = outcome(transcript(new Event.Begin(0), new Event.Started(A.uid()),
                    new Event.Finished(A.uid(), Verdict.SUCCESSFUL, ""), new Event.Started(B.uid())));
            assertThat(o.status()).isEqualTo(Status.CRASHED);
            assertThat(o.score()).isEqualTo(10.0);
        }

        @Test
        @DisplayName("System.exit during a test: EXITED, that test is named, later events do not count")
        void exited() {
            StepOutcome o = outcome(transcript(new Event.Begin(0), new Event.Started(A.uid()), new Event.Exited(A.uid()),
                    new Event.Finished(A.uid(), Verdict.SUCCESSFUL, "")));
            assertThat(o.status()).isEqualTo(Status.EXITED);
            assertThat(o.score()).isZero();
            assertThat(o.tests().get(0).message()).contains("System.exit");
        }
    }
}
