package dcchat.testing;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stubs' messages in Spanish. A stub of the starter code throws
 * {@code UnsupportedOperationException("Step 1: loop over accept() — see README §3 Accepting clients")}; the
 * starter code is the student's, and cannot ask the test support which language to speak, so {@link Teaching}
 * rewrites the message when the student runs the tests in Spanish ({@link Lesson#spanish()}):
 * {@code "Paso 1: …, lee step1-echo/README.es.md §3 …"}.
 *
 * <p>Kit test support: students never edit this file. The kit check holds every stub of every starter to an entry
 * here ({@code ./dcchat check}: "every stub message has a Spanish one"), and the Spanish to the glossary.
 */
final class Stubs {

    /** "Step N: what to do — see README §M Title", the one form every stub message has. */
    static final Pattern STUB = Pattern.compile("Step ([1-5]): (.+) — see README (§\\d+) .+");

    private static final String[] STEPS = {"step1-echo", "step2-framing", "step3-threads", "step4-broadcast",
        "step5-gui"};

    /** What each stub asks for, English → Spanish, in the order of the steps. */
    static final Map<String, String> TASKS = Map.ofEntries(
            Map.entry("close the listening socket", "TODO"),
            Map.entry("close the socket", "TODO"),
            Map.entry("connect a Socket", "TODO"),
            Map.entry("loop over accept()", "TODO"),
            Map.entry("open a ServerSocket on 127.0.0.1", "TODO"),
            Map.entry("read lines, write them back, flush", "TODO"),
            Map.entry("report the bound port", "TODO"),
            Map.entry("write the line, flush, read the reply", "TODO"),
            Map.entry("connect, wrap the streams in a FrameReader and a FrameWriter", "TODO"),
            Map.entry("encode, then write one frame", "TODO"),
            Map.entry("loop until the buffer is full or the stream ends", "TODO"),
            Map.entry("parse and check the body", "TODO"),
            Map.entry("read a whole frame", "TODO"),
            Map.entry("read frames, echo each message, answer bad ones with an error frame", "TODO"),
            Map.entry("read one frame, then decode it", "TODO"),
            Map.entry("turn the record into UTF-8 JSON bytes with the ObjectMapper", "TODO"),
            Map.entry("write the 4-byte big-endian length, then the body, then flush", "TODO"),
            Map.entry("count the open client sockets", "TODO"),
            Map.entry("echo this client's frames with step 2's echoFrames", "TODO"),
            Map.entry("loop over accept() on the accept thread", "TODO"),
            Map.entry("make a thread named dcchat-client-<n>", "TODO"),
            Map.entry("start the accept thread", "TODO"),
            Map.entry("stop accepting, close the clients, await the threads", "TODO"),
            Map.entry("User + 6 random letters or digits", "TODO"),
            Map.entry("accept clients; give each a Connection, a writer and a Session", "TODO"),
            Map.entry("bind the name and announce it", "TODO"),
            Map.entry("check the name against the rules", "TODO"),
            Map.entry("close the socket and wait for the reader thread", "TODO"),
            Map.entry("close the socket once and wake the writer", "TODO"),
            Map.entry("connect and start the reader thread", "TODO"),
            Map.entry("count the connected clients", "TODO"),
            Map.entry("encode once, queue for every member", "TODO"),
            Map.entry("is the connection still up?", "TODO"),
            Map.entry("list the members present", "TODO"),
            Map.entry("one frame at a time, from any thread", "TODO"),
            Map.entry("one line per message type", "TODO"),
            Map.entry("queue the frame without blocking; disconnect the client if its queue is full", "TODO"),
            Map.entry("read frames and tell the listener", "TODO"),
            Map.entry("read frames, handle join and chat, refuse bad input", "TODO"),
            Map.entry("remove the member and announce it", "TODO"),
            Map.entry("report whether close() was called", "TODO"),
            Map.entry("send a chat frame", "TODO"),
            Map.entry("send a join frame", "TODO"),
            Map.entry("send a last frame, then end the output", "TODO"),
            Map.entry("stop accepting, close every client, await the threads", "TODO"),
            Map.entry("take frames from the queue and write them in batches", "TODO"),
            Map.entry("the names in the room", "TODO"),
            Map.entry("add a name once, in sorted order", "TODO"),
            Map.entry("check host, port and name", "TODO"),
            Map.entry("close the connection and the sender thread", "TODO"),
            Map.entry("close the connection, then dispose of the window", "TODO"),
            Map.entry("connect again to the last address", "TODO"),
            Map.entry("connect on a SwingWorker, then join", "TODO"),
            Map.entry("hand each event to the EDT with invokeLater", "TODO"),
            Map.entry("one readable sentence, never a stack trace", "TODO"),
            Map.entry("say that the server went away", "TODO"),
            Map.entry("send on the sender thread, not on the EDT", "TODO"),
            Map.entry("send the typed line, ignore an empty one", "TODO"),
            Map.entry("show a line as text, in its kind's style", "TODO"),
            Map.entry("show a name as text", "TODO"),
            Map.entry("show the state: status, Reconnect, input", "TODO"),
            Map.entry("turn a message into lines and users", "TODO"));

    private Stubs() {
    }

    /**
     * @param message a stub's message
     * @return the same in Spanish, pointing at the Spanish lesson; or null if it is not a stub's message this
     *         class knows
     */
    static String spanish(String message) {
        Matcher m = STUB.matcher(message);
        if (!m.matches() || !TASKS.containsKey(m.group(2))) {
            return null;
        }
        String step = STEPS[Integer.parseInt(m.group(1)) - 1];
        return "Paso " + m.group(1) + ": " + TASKS.get(m.group(2)) + " — lee " + step + "/README.es.md "
                + Teaching.spanishHeading(step, m.group(3) + " ");
    }
}
