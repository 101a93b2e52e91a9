package dcchat.broadcast;

/**
 * One client's conversation, run on its reader thread: reads frames, applies the wire contract, and turns
 * them into room events (README §2, §3, §6).
 *
 * <p>Step 4 of DCChat. The name a client chats under is the one bound at join — a {@code username} it puts
 * in a chat frame is ignored (no spoofing). A client that chats before joining gets a {@code User……}
 * name. A frame that breaks the contract is answered with an {@code error} frame and ends this client
 * only; the room carries on.
 */
final class Session implements Runnable {

    private final Connection connection;
    private final Room room;

    Session(Connection connection, Room room) {
        this.connection = connection;
        this.room = room;
    }

    /** Reads and handles this client's frames until it leaves, breaks the contract, or the server closes. */
    @Override
    public void run() {
        throw new UnsupportedOperationException("Step 4: read frames, handle join and chat, refuse bad input — see README §2 Joining, §3 Relaying chat and §6 Bad input");
    }
}
