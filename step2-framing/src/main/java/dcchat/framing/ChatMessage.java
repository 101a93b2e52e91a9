package dcchat.framing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One DCChat message: the JSON object inside a frame (README §8).
 *
 * <pre>
 *   {"type":"join","username":"ana"}          client → server: join as ana
 *   {"type":"chat","data":"hola"}             client → server: a chat line
 *   {"type":"chat","username":"ana","data":"hola"}   server → everyone: ana said hola
 *   {"type":"leave","username":"ana"}         server → everyone: ana left
 *   {"type":"error","data":"name taken"}      server → one client: your frame was refused
 * </pre>
 *
 * <p>Step 2 of DCChat. A field a type does not use is {@code null} and is left out of the JSON.
 *
 * @param type     one of {@link #JOIN}, {@link #CHAT}, {@link #LEAVE}, {@link #ERROR}
 * @param username who joined, left or spoke; null where the type has none
 * @param data     the chat text or the error reason; null where the type has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(String type, String username, String data) {

    /** Client: ask to join; server: someone joined. Field: username. */
    public static final String JOIN = "join";
    /** A chat line. Fields: data (and username when the server relays it). */
    public static final String CHAT = "chat";
    /** Server: someone left. Field: username. */
    public static final String LEAVE = "leave";
    /** Server → one client: its frame was refused. Field: data, the reason. */
    public static final String ERROR = "error";

    /** Every message has a type. */
    public ChatMessage {
        Objects.requireNonNull(type, "type");
    }

    /**
     * @param username the name to join as (client) or the name that joined (server)
     * @return a {@code join} message
     */
    public static ChatMessage join(String username) {
        return new ChatMessage(JOIN, username, null);
    }

    /**
     * @param data the chat text
     * @return a {@code chat} message as a client sends it: no username, the server adds the bound one
     */
    public static ChatMessage chat(String data) {
        return new ChatMessage(CHAT, null, data);
    }

    /**
     * @param username who said it
     * @param data     the chat text
     * @return a {@code chat} message as the server relays it
     */
    public static ChatMessage chat(String username, String data) {
        return new ChatMessage(CHAT, username, data);
    }

    /**
     * @param username who left
     * @return a {@code leave} message
     */
    public static ChatMessage leave(String username) {
        return new ChatMessage(LEAVE, username, null);
    }

    /**
     * @param reason why the client's frame was refused, readable by a person
     * @return an {@code error} message
     */
    public static ChatMessage error(String reason) {
        return new ChatMessage(ERROR, null, reason);
    }
}
