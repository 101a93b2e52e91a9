package dcchat.gui;

import java.util.Objects;

/**
 * One line of the chat window's message list: who, what, and what kind of line it is, so that the
 * renderer can style a chat, your own chat, a join, a leave and an error apart (README §2).
 *
 * <p>Step 5 of DCChat. A record: the list model holds these, the renderer draws them, nobody changes them.
 *
 * @param kind what the line is
 * @param user who spoke, joined or left; null for errors and status lines
 * @param text the chat text or the notice; never null
 */
public record ChatLine(Kind kind, String user, String text) {

    /** What a line is; the renderer picks a style for each. */
    public enum Kind {
        /** Someone else's chat line. */
        CHAT,
        /** Your own chat line, as the server relayed it back. */
        OWN,
        /** Someone joined. */
        JOIN,
        /** Someone left. */
        LEAVE,
        /** The server refused something, or the connection failed. */
        ERROR,
        /** A note from the window itself, e.g. "Connecting to 127.0.0.1:5000 …". */
        STATUS
    }

    /** Every line has a kind and a text. */
    public ChatLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /**
     * @param user who said it
     * @param text what they said
     * @return someone else's chat line
     */
    public static ChatLine chat(String user, String text) {
        return new ChatLine(Kind.CHAT, user, text);
    }

    /**
     * @param user your name
     * @param text what you said
     * @return your own chat line
     */
    public static ChatLine own(String user, String text) {
        return new ChatLine(Kind.OWN, user, text);
    }

    /**
     * @param user who joined
     * @return a join notice
     */
    public static ChatLine join(String user) {
        return new ChatLine(Kind.JOIN, user, user + " joined");
    }

    /**
     * @param user who left
     * @return a leave notice
     */
    public static ChatLine leave(String user) {
        return new ChatLine(Kind.LEAVE, user, user + " left");
    }

    /**
     * @param text a readable reason
     * @return an error notice
     */
    public static ChatLine error(String text) {
        return new ChatLine(Kind.ERROR, null, text);
    }

    /**
     * @param text a note from the window
     * @return a status line
     */
    public static ChatLine status(String text) {
        return new ChatLine(Kind.STATUS, null, text);
    }
}
