package dcchat.broadcast;

import dcchat.framing.BadMessageException;
import dcchat.framing.ChatMessage;
import dcchat.framing.FrameReader;
import dcchat.framing.FramingException;
import dcchat.framing.MessageCodec;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * One client's conversation, run on its reader thread: reads frames, applies the wire contract, and turns
 * them into room events (README §3, §6).
 *
 * <p>Step 4 of DCChat. The name a client chats under is the one bound at join — a {@code username} it puts
 * in a chat frame is ignored (no spoofing). A client that chats before joining gets a {@code User……}
 * name. A frame that breaks the contract is answered with an {@code error} frame and ends this client
 * only; the room carries on.
 */
final class Session implements Runnable {

    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    /** Relay what is pending once it reaches this many bytes, even if more lines are waiting. */
    private static final int BATCH_BYTES = 32 * 1024;

    private final Connection connection;
    private final Room room;
    /** Chat frames read from this client and encoded, not yet handed to the room (see {@link #relayPending}). */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Session(Connection connection, Room room) {
        this.connection = connection;
        this.room = room;
    }

    @Override
    public void run() {
        try {
            InputStream in = new BufferedInputStream(connection.socket().getInputStream());
            FrameReader reader = new FrameReader(in);
            while (true) {
                if (in.available() == 0 || pending.size() >= BATCH_BYTES) {
                    relayPending(); // nothing more has arrived, or enough for one hand-off: relay what was read
                }
                Optional<byte[]> body = reader.readFrame();
                if (body.isEmpty() || !handle(MessageCodec.decode(body.get()))) {
                    return; // the client closed its side, or asked to leave
                }
            }
        } catch (FramingException | BadMessageException e) {
            refuse(e.getMessage());
        } catch (IOException e) {
            if (!connection.isClosed()) {
                LOG.log(Level.DEBUG, "client {0} dropped: {1}", connection.label(), e.getMessage());
            }
        } finally {
            relayPending(); // the lines read just before a leave frame or a dropped connection
            room.leave(connection);
            connection.close();
        }
    }

    /** Applies one message; returns false when the client is done. */
    private boolean handle(ChatMessage message) {
        switch (message.type()) {
            case ChatMessage.JOIN -> join(message.username());
            case ChatMessage.CHAT -> {
                if (connection.username() == null) {
                    autoJoin();
                }
                try {
                    pending.writeBytes(Connection.frameOf(ChatMessage.chat(connection.username(), message.data())));
                } catch (IllegalArgumentException tooLong) {
                    // the relay adds the username: a line that fit in the client's frame may not fit in ours
                    connection.send(Connection.frameOf(ChatMessage.error("chat line too long to relay: "
                            + tooLong.getMessage())));
                }
            }
            case ChatMessage.LEAVE -> {
                return false; // a polite goodbye: the finally block announces the leave
            }
            default -> {
                refuse("clients may not send '" + message.type() + "' frames");
                return false;
            }
        }
        return true;
    }

    /**
     * Relays the chat lines read since the last call, encoded once and back to back, to every member in one
     * hand-off each: a sender's burst costs each member's writer one wake-up and one write, not one per line.
     */
    private void relayPending() {
        if (pending.size() != 0) {
            room.relay(pending.toByteArray());
            pending.reset();
        }
    }

    private void join(String requested) {
        if (connection.username() != null) {
            connection.send(Connection.frameOf(ChatMessage.error("already joined as " + connection.username())));
            return;
        }
        String problem = Names.problem(requested);
        if (problem != null) {
            connection.send(Connection.frameOf(ChatMessage.error(problem)));
        } else if (!room.join(connection, requested)) {
            connection.send(Connection.frameOf(ChatMessage.error("username '" + requested + "' is taken")));
        }
    }

    private void autoJoin() {
        while (!room.join(connection, Names.random())) {
            // a collision among 62^6 names: draw again
        }
    }

    /**
     * Sends an error frame, ends the output after it, then reads and discards what the client still sends
     * for a short while, so that closing does not reset the connection before the client has read the
     * error (a close with unread input sends RST, which can destroy the frame in flight).
     */
    private void refuse(String reason) {
        relayPending(); // the lines read before the bad frame are still relayed, ahead of the leave
        LOG.log(Level.INFO, "refusing client {0}: {1}", connection.label(), reason);
        try {
            connection.finish(Connection.frameOf(ChatMessage.error(reason)));
            connection.socket().setSoTimeout(500);
            InputStream in = connection.socket().getInputStream();
            byte[] sink = new byte[8192];
            long discarded = 0;
            int n;
            while (discarded < 1 << 20 && (n = in.read(sink)) != -1) {
                discarded += n;
            }
        } catch (SocketTimeoutException e) {
            // the client did not close its side in time: close anyway
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "client {0} went away after its error: {1}", connection.label(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: stop waiting, the finally block closes
        }
    }
}
