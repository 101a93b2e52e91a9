package dcchat.grader.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The grader's one protocol: what the test runner inside a test JVM tells the supervisor outside it. Both
 * sides use this file — {@link #write} in the runner, {@link #read} in the supervisor — so the format is
 * written down once. A stream is binary: per event a tag byte, then its fields (strings as a length and UTF-8
 * bytes). The supervisor reads it with bounds (no string over {@link #MAX_STRING} bytes) and then validates
 * the sequence (see {@code dcchat.grader.Verdicts}): every planned test reported exactly once, started before
 * it finished, and {@link AllDone} last.
 *
 * <p>A run of one JVM: {@code Begin(job) (Started(uid) Finished(uid …) | Skipped | ContainerFailed)* Printed
 * StepEnded Done} per job, then {@code AllDone}. {@link Exited} and {@link LimitReached} may end a job early.
 * A listing run (the reference, when the kit is prepared) sends {@link Planned} before each test starts.
 */
public sealed interface Event {

    /** Longest string either side writes or accepts (a failure message is capped far below this). */
    int MAX_STRING = 256 * 1024;

    /** How JUnit ended one test. */
    enum Verdict { SUCCESSFUL, FAILED, ABORTED, SKIPPED }

    /** Listing run: a test of the reference, with its grading key, display path and annotated weight. */
    record Planned(String uid, String key, String path, double weight) implements Event {
    }

    /** Job {@code job} (its index in the JVM's job list) begins. */
    record Begin(int job) implements Event {
    }

    /** A test starts. */
    record Started(String uid) implements Event {
    }

    /** A test ended (or was skipped without starting), with the teaching message of a failure. */
    record Finished(String uid, Verdict verdict, String message) implements Event {
    }

    /** A class or {@code @Nested} container failed (e.g. in {@code @BeforeAll}): its tests never run. */
    record ContainerFailed(String uid, String message) implements Event {
    }

    /** The JVM is exiting (System.exit) while {@code uid} runs ("" if between tests). */
    record Exited(String uid) implements Event {
    }

    /** The job's time ran out while {@code uid} ran; the JVM halts next. */
    record LimitReached(String uid) implements Event {
    }

    /** What the job printed through System.out/err: the total, the first bytes kept, and how long it took. */
    record Printed(long bytes, double seconds, String kept) implements Event {
    }

    /** The job's tests are over: the supervisor may look at the JVM's sockets now, then acknowledges. */
    record StepEnded(int job) implements Event {
    }

    /** Job {@code job} is done; these threads it started are still running. */
    record Done(int job, List<String> threadsLeft) implements Event {
    }

    /** The JVM ran every job it will run; nothing may follow. */
    record AllDone() implements Event {
    }

    /** Writes one event and flushes it. */
    static void write(Event e, DataOutputStream out) throws IOException {
        if (e instanceof Planned p) {
            out.writeByte(1);
            str(out, p.uid());
            str(out, p.key());
            str(out, p.path());
            out.writeDouble(p.weight());
        } else if (e instanceof Begin b) {
            out.writeByte(2);
            out.writeInt(b.job());
        } else if (e instanceof Started s) {
            out.writeByte(3);
            str(out, s.uid());
        } else if (e instanceof Finished f) {
            out.writeByte(4);
            str(out, f.uid());
            out.writeByte(f.verdict().ordinal());
            str(out, f.message());
        } else if (e instanceof ContainerFailed c) {
            out.writeByte(5);
            str(out, c.uid());
            str(out, c.message());
        } else if (e instanceof Exited x) {
            out.writeByte(6);
            str(out, x.uid());
        } else if (e instanceof LimitReached l) {
            out.writeByte(7);
            str(out, l.uid());
        } else if (e instanceof Printed p) {
            out.writeByte(8);
            out.writeLong(p.bytes());
            out.writeDouble(p.seconds());
            str(out, p.kept());
        } else if (e instanceof StepEnded s) {
            out.writeByte(9);
            out.writeInt(s.job());
        } else if (e instanceof Done d) {
            out.writeByte(10);
            out.writeInt(d.job());
            out.writeInt(d.threadsLeft().size());
            for (String t : d.threadsLeft()) {
                str(out, t);
            }
        } else if (e instanceof AllDone) {
            out.writeByte(11);
        }
        out.flush();
    }

    /**
     * Reads the next event, or null at a clean end of stream. Throws {@link IOException} for anything that is
     * not an event as {@link #write} writes it (an unknown tag, a string too long, a stream cut mid-event).
     */
    static Event read(DataInputStream in) throws IOException {
        int tag = in.read();
        if (tag < 0) {
            return null;
        }
        try {
            return switch (tag) {
                case 1 -> new Planned(str(in), str(in), str(in), in.readDouble());
                case 2 -> new Begin(in.readInt());
                case 3 -> new Started(str(in));
                case 4 -> {
                    String uid = str(in);
                    int v = in.readUnsignedByte();
                    if (v >= Verdict.values().length) {
                        throw new IOException("unknown verdict " + v);
                    }
                    yield new Finished(uid, Verdict.values()[v], str(in));
                }
                case 5 -> new ContainerFailed(str(in), str(in));
                case 6 -> new Exited(str(in));
                case 7 -> new LimitReached(str(in));
                case 8 -> new Printed(in.readLong(), in.readDouble(), str(in));
                case 9 -> new StepEnded(in.readInt());
                case 10 -> {
                    int job = in.readInt();
                    int n = in.readInt();
                    if (n < 0 || n > 10_000) {
                        throw new IOException("thread count " + n);
                    }
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        names.add(str(in));
                    }
                    yield new Done(job, List.copyOf(names));
                }
                case 11 -> new AllDone();
                default -> throw new IOException("unknown event tag " + tag);
            };
        } catch (EOFException e) {
            throw new IOException("the stream ends inside an event (tag " + tag + ")", e);
        }
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, MAX_STRING);
        out.writeInt(n);
        out.write(b, 0, n);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("string of " + n + " bytes");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
