package dcchat.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who is in the chat, and the one way to reach them all. <b>Confined to the one client event loop</b>
 * ({@link NettyChatServer}): every call comes from that thread, so a plain map, no lock, and every join, leave
 * and chat line happens in one order that every member sees.
 *
 * <p>Each member's {@code join} frame body is encoded once, when it joins, and kept: a newcomer is told who is
 * present with retained duplicates of those bodies, so the join storm of a class (N newcomers × N members) costs
 * no JSON encoding beyond one per member.
 */
final class ChatRoom {

    static final int MAX_NAME_CODE_POINTS = 32;

    private static final String NAME_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** A member: its channel, its name bound at join, and its join frame body (the room's reference). */
    record Member(Channel channel, String name, ByteBuf joinBody) {
    }

    private final Map<String, Member> members = new LinkedHashMap<>();

    /**
     * Why a name cannot be used, or null if it can (taken or not is {@link #isTaken}'s question).
     *
     * @param name a requested name
     * @return the reason, for an {@code error} frame, or null
     */
    static String problem(String name) {
        if (name.isBlank()) {
            return "the name is empty";
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_CODE_POINTS) {
            return "the name is longer than " + MAX_NAME_CODE_POINTS + " characters";
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            return "the name holds a control or invisible format character";
        }
        if (Character.isWhitespace(name.codePointAt(0)) || Character.isSpaceChar(name.codePointAt(0))
                || Character.isWhitespace(name.codePointBefore(name.length()))
                || Character.isSpaceChar(name.codePointBefore(name.length()))) {
            return "the name starts or ends with a space";
        }
        return null;
    }

    /** @return true if a member has this name */
    boolean isTaken(String name) {
        return members.containsKey(name);
    }

    /** @return "User" and 6 random letters or digits that no member has */
    String freeRandomName() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            StringBuilder name = new StringBuilder("User");
            for (int i = 0; i < 6; i++) {
                name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
            }
            if (!isTaken(name.toString())) {
                return name.toString();
            }
        }
    }

    /**
     * Adds a member under a valid, free name: the newcomer hears a {@code join} per member present, then its own;
     * every member present hears the newcomer's.
     *
     * @param channel the newcomer's channel
     * @param name    a name {@link #problem} accepts and no member has
     * @return the new member
     */
    Member join(Channel channel, String name) {
        Member newcomer = new Member(channel, name, Messages.encode(channel.alloc(), "join", name, null));
        for (Member present : members.values()) {
            channel.write(present.joinBody().retainedDuplicate(), channel.voidPromise());
        }
        members.put(name, newcomer);
        broadcast(newcomer.joinBody().retain()); // everyone, the newcomer too: its confirmation
        return newcomer;
    }

    /**
     * Removes a member (if it still is one) and tells the others it left.
     *
     * @param member a member of this room
     */
    void leave(Member member) {
        if (members.remove(member.name(), member)) {
            member.joinBody().release();
            broadcast(Messages.encode(member.channel().alloc(), "leave", member.name(), null));
        }
    }

    /**
     * Sends one frame body to every member: a retained duplicate each (shared bytes, own indexes), written and
     * flushed — the flush is consolidated per member by its {@code FlushConsolidationHandler}. A member with more
     * than {@link ChatHandler#HARD_CAP_BYTES} waiting is disconnected instead (a slow client, at once).
     *
     * @param body the body; this call takes over the caller's reference
     */
    void broadcast(ByteBuf body) {
        try {
            for (Member m : members.values()) {
                Channel ch = m.channel();
                if (!ch.isWritable() && ch.bytesBeforeWritable() > ChatHandler.HARD_CAP_BYTES) {
                    // its close is handled later on this loop (channelInactive): the map is not changed here
                    ChatHandler.dropSlow(ch, "'" + m.name() + "'", "over " + ChatHandler.HARD_CAP_BYTES
                            + " bytes are waiting for it");
                    continue;
                }
                ch.writeAndFlush(body.retainedDuplicate(), ch.voidPromise());
            }
        } finally {
            body.release();
        }
    }

    /** @return how many members are in the room */
    int size() {
        return members.size();
    }
}
