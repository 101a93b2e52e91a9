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
            Map.entry("close the listening socket", "cierra el socket de escucha"),
            Map.entry("close the socket", "cierra el socket"),
            Map.entry("connect a Socket", "conecta un Socket"),
            Map.entry("loop over accept()", "repite accept() en un bucle"),
            Map.entry("open a ServerSocket on 127.0.0.1", "abre un ServerSocket en 127.0.0.1"),
            Map.entry("read lines, write them back, flush", "lee líneas, escríbelas de vuelta, haz flush"),
            Map.entry("report the bound port", "informa el puerto enlazado"),
            Map.entry("write the line, flush, read the reply", "escribe la línea, haz flush, lee la respuesta"),
            Map.entry("connect, wrap the streams in a FrameReader and a FrameWriter",
                    "conéctate y envuelve los flujos en un FrameReader y un FrameWriter"),
            Map.entry("encode, then write one frame", "codifica y después escribe un frame"),
            Map.entry("loop until the buffer is full or the stream ends",
                    "repite hasta que el buffer esté lleno o el flujo termine"),
            Map.entry("parse and check the body", "parsea y revisa el cuerpo"),
            Map.entry("read a whole frame", "lee un frame completo"),
            Map.entry("read frames, echo each message, answer bad ones with an error frame",
                    "lee frames, haz eco de cada mensaje y responde a los incorrectos con un frame `error`"),
            Map.entry("read one frame, then decode it", "lee un frame y después decodifícalo"),
            Map.entry("turn the record into UTF-8 JSON bytes with the ObjectMapper",
                    "convierte el record en bytes JSON en UTF-8 con el ObjectMapper"),
            Map.entry("write the 4-byte big-endian length, then the body, then flush",
                    "escribe el largo en 4 bytes big-endian, después el cuerpo, y después haz flush"),
            Map.entry("count the open client sockets", "cuenta los sockets de clientes abiertos"),
            Map.entry("echo this client's frames with step 2's echoFrames",
                    "haz eco de los frames de este cliente con echoFrames del paso 2"),
            Map.entry("loop over accept() on the accept thread",
                    "repite accept() en un bucle en el thread de aceptación"),
            Map.entry("make a thread named dcchat-client-<n>", "crea un thread llamado dcchat-client-<n>"),
            Map.entry("start the accept thread", "inicia el thread de aceptación"),
            Map.entry("stop accepting, close the clients, await the threads",
                    "deja de aceptar, cierra los clientes, espera a que terminen los threads"),
            Map.entry("User + 6 random letters or digits", "User + 6 letras o dígitos al azar"),
            Map.entry("accept clients; give each a Connection, a writer and a Session",
                    "acepta clientes; dale a cada uno una Connection, un thread escritor y una Session"),
            Map.entry("bind the name and announce it", "asocia el nombre a la conexión y anúncialo"),
            Map.entry("check the name against the rules", "revisa que el nombre cumpla las reglas"),
            Map.entry("close the socket and wait for the reader thread", "cierra el socket y espera al thread lector"),
            Map.entry("close the socket once and wake the writer",
                    "cierra el socket una sola vez y despierta al thread escritor"),
            Map.entry("connect and start the reader thread", "conéctate e inicia el thread lector"),
            Map.entry("count the connected clients", "cuenta los clientes conectados"),
            Map.entry("encode once, queue for every member",
                    "codifica una sola vez y ponlo en la cola de cada miembro"),
            Map.entry("is the connection still up?", "devuelve si la conexión sigue abierta"),
            Map.entry("list the members present", "lista los miembros presentes"),
            Map.entry("one frame at a time, from any thread", "escribe un frame a la vez, desde cualquier thread"),
            Map.entry("one line per message type", "arma una línea por cada tipo de mensaje"),
            Map.entry("queue the frame without blocking; disconnect the client if its queue is full",
                    "pon el frame en la cola sin bloquear; desconecta al cliente si su cola está llena"),
            Map.entry("read frames and tell the listener", "lee frames y avísale al listener"),
            Map.entry("read frames, handle join and chat, refuse bad input",
                    "lee frames, atiende `join` y `chat`, rechaza la entrada incorrecta"),
            Map.entry("remove the member and announce it", "saca al miembro y anúncialo"),
            Map.entry("report whether close() was called", "informa si ya se llamó a close()"),
            Map.entry("send a chat frame", "envía un frame `chat`"),
            Map.entry("send a join frame", "envía un frame `join`"),
            Map.entry("send a last frame, then end the output", "envía un último frame y después cierra la salida"),
            Map.entry("stop accepting, close every client, await the threads",
                    "deja de aceptar, cierra cada cliente, espera a que terminen los threads"),
            Map.entry("take frames from the queue and write them in batches",
                    "saca frames de la cola y escríbelos por lotes"),
            Map.entry("the names in the room", "devuelve los nombres de la sala"),
            Map.entry("add a name once, in sorted order",
                    "agrega un nombre una sola vez, manteniendo la lista ordenada"),
            Map.entry("check host, port and name", "revisa el host, el puerto y el nombre"),
            Map.entry("close the connection and the sender thread", "cierra la conexión y el thread emisor"),
            Map.entry("close the connection, then dispose of the window",
                    "cierra la conexión y después libera la ventana con dispose()"),
            Map.entry("connect again to the last address", "vuelve a conectarte a la última dirección"),
            Map.entry("connect on a SwingWorker, then join",
                    "conéctate en un SwingWorker y después entra a la sala (join)"),
            Map.entry("hand each event to the EDT with invokeLater", "entrega cada evento al EDT con invokeLater"),
            Map.entry("one readable sentence, never a stack trace",
                    "devuelve una oración legible, nunca un stack trace"),
            Map.entry("say that the server went away", "indica que el servidor desapareció"),
            Map.entry("send on the sender thread, not on the EDT", "envía en el thread emisor, no en el EDT"),
            Map.entry("send the typed line, ignore an empty one", "envía la línea escrita; ignórala si está vacía"),
            Map.entry("show a line as text, in its kind's style",
                    "muestra una línea como texto, con el estilo de su tipo"),
            Map.entry("show a name as text", "muestra un nombre como texto"),
            Map.entry("show the state: status, Reconnect, input",
                    "muestra el estado: la línea de estado, el botón Reconnect y el campo de entrada"),
            Map.entry("turn a message into lines and users", "convierte un mensaje en líneas y usuarios"));

    /** A stub's message inside a longer text (an assertion that shows the exception it caught). */
    private static final Pattern WITHIN = Pattern.compile("Step [1-5]: [^\\n\"]+? — see README §\\d+[^\\n\"]*");

    private Stubs() {
    }

    /**
     * @param text a failure's message, which may show a stub's message among other things
     * @return the text with every stub message this class knows in Spanish; the text itself if it has none
     */
    static String spanishWithin(String text) {
        Matcher m = WITHIN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String spanish = spanish(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(spanish == null ? m.group() : spanish));
        }
        m.appendTail(out);
        return out.toString();
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
