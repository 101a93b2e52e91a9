package dcchat.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's conversation, on the client event loop: frame bodies in (from {@link ChatFrameDecoder}), the
 * contract applied, the room called. One instance per channel.
 *
 * <ul>
 *   <li>{@code join}: a valid, free name is bound to the channel for good; a taken or invalid one, or a second
 *       join, gets an {@code error} frame and the connection stays open.</li>
 *   <li>{@code chat}: relayed to every member under the bound name (a {@code username} in the frame is ignored);
 *       before any join the client is first given a {@code User……} name, announced like a join. A line that is
 *       legal to send but too long to relay with the name gets an {@code error}; the connection stays.</li>
 *   <li>{@code leave}, end of stream, a reset: the connection ends and the others hear {@code leave}.</li>
 *   <li>Bad input (framing, UTF-8, JSON, fields, an unknown type, a client's {@code error} frame): one
 *       {@code error} frame, a FIN after it, whatever the client still sends read and dropped (so that closing
 *       does not reset the connection under the error frame) until it closes its side, 500 ms pass or 1 MiB
 *       came in; then the close. Only that client is affected.</li>
 *   <li>A slow client: unwritable (above the high water mark) for {@value #SLOW_CLIENT_GRACE_MILLIS} ms, or
 *       with more than {@value #HARD_CAP_BYTES} bytes waiting, it is disconnected with a warning.</li>
 * </ul>
 */
final class ChatHandler extends ChannelInboundHandlerAdapter {

    /** How long a member may stay unwritable before it is dropped as too slow. */
    static final long SLOW_CLIENT_GRACE_MILLIS = 2_000;
    /** Outbound bytes at which a member is dropped at once, grace or not (checked by each broadcast). */
    static final long HARD_CAP_BYTES = 16L << 20;

    private static final Logger LOG = Logger.getLogger(ChatHandler.class.getName());
    private static final long DRAIN_MILLIS = 500;
    private static final long DRAIN_MAX_BYTES = 1 << 20;

    private final ChatRoom room;
    private ChatRoom.Member member; // null until joined
    private boolean refused; // an error frame was sent: from here on, input is drained, never acted on
    private long drained;
    private int unwritableSpells; // counts each time the channel becomes unwritable

    ChatHandler(ChatRoom room) {
        this.room = room;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf body = (ByteBuf) msg;
        try {
            if (refused) {
                drain(ctx, body.readableBytes());
                return;
            }
            Messages.Incoming in = Messages.decode(body);
            switch (in.type()) {
                case "join" -> join(ctx, in.username());
                case "chat" -> chat(ctx, in.data());
                default -> ctx.close(); // leave: no answer; channelInactive announces it
            }
        } catch (Messages.BadFrame e) {
            refuse(ctx, e.getMessage());
        } finally {
            body.release();
        }
    }

    private void join(ChannelHandlerContext ctx, String name) {
        if (member != null) {
            reply(ctx, "you already joined as '" + member.name() + "'; a name is kept for the whole connection");
            return;
        }
        String problem = ChatRoom.problem(name);
        if (problem == null && room.isTaken(name)) {
            problem = "the name '" + name + "' is taken";
        }
        if (problem != null) {
            reply(ctx, problem);
            return;
        }
        member = room.join(ctx.channel(), name);
    }

    private void chat(ChannelHandlerContext ctx, String data) {
        if (member == null) {
            member = room.join(ctx.channel(), room.freeRandomName()); // a chat before join: the seed chat's names
        }
        ByteBuf relay = Messages.encode(ctx.alloc(), "chat", member.name(), data);
        if (!Messages.fits(relay)) {
            int bytes = relay.readableBytes();
            relay.release();
            reply(ctx, "that line is too long to relay: with your name it takes " + bytes + " bytes, over the "
                    + ChatFrameDecoder.MAX_BODY_BYTES + "-byte frame limit");
            return;
        }
        room.broadcast(relay);
    }

    /** An {@code error} frame to this client only; the connection stays open. */
    private static void reply(ChannelHandlerContext ctx, String reason) {
        ctx.channel().writeAndFlush(Messages.encode(ctx.alloc(), "error", null, reason), ctx.voidPromise());
    }

    /** Bad input: the error frame, a FIN after it, then drain (see the class comment) and close. */
    private void refuse(ChannelHandlerContext ctx, String reason) {
        if (refused || !ctx.channel().isActive()) {
            return;
        }
        refused = true;
        LOG.log(Level.FINE, "refused {0}: {1}", new Object[] {ctx.channel().remoteAddress(), reason});
        if (ctx.pipeline().get(ChatFrameDecoder.NAME) != null) {
            ctx.pipeline().remove(ChatFrameDecoder.NAME); // from here on raw bytes reach channelRead, to be dropped
        }
        DuplexChannel ch = (DuplexChannel) ctx.channel();
        ch.writeAndFlush(Messages.encode(ctx.alloc(), "error", null, reason)).addListener(
                (ChannelFutureListener) f -> {
                    if (ch.isInputShutdown()) {
                        ch.close();
                    } else {
                        ch.shutdownOutput();
                    }
                });
        ctx.executor().schedule(() -> ch.close(), DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void drain(ChannelHandlerContext ctx, int bytes) {
        drained += bytes;
        if (drained > DRAIN_MAX_BYTES) {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            // The client closed its side. A frame cut short was already answered (exceptionCaught); else: gone.
            if (!refused) {
                ctx.close();
            } else if (((DuplexChannel) ctx.channel()).isOutputShutdown()) {
                ctx.close(); // the error frame is out and the client has seen the end: done
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            int spell = ++unwritableSpells;
            ctx.executor().schedule(() -> {
                if (spell == unwritableSpells && !ctx.channel().isWritable()) {
                    dropSlow(ctx, "its outbound data stayed above " + NettyChatServer.HIGH_WATER_MARK + " bytes for "
                            + SLOW_CLIENT_GRACE_MILLIS + " ms");
                }
            }, SLOW_CLIENT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void dropSlow(ChannelHandlerContext ctx, String why) {
        dropSlow(ctx.channel(), member == null ? "a client" : "'" + member.name() + "'", why);
    }

    /** Disconnects a client that does not keep up, loudly; its channelInactive announces the leave. */
    static void dropSlow(Channel channel, String who, String why) {
        if (channel.isActive()) {
            LOG.warning(() -> "disconnecting " + who + " (" + channel.remoteAddress() + "): too slow, " + why);
            channel.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (member != null) {
            room.leave(member);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && !refused) {
            refuse(ctx, framingReason(cause));
        } else if (cause instanceof IOException) {
            ctx.close(); // a reset, a broken pipe: the client is gone
        } else if (!refused) {
            LOG.log(Level.WARNING, "closing " + ctx.channel().remoteAddress() + " after an unexpected error", cause);
            ctx.close();
        }
    }

    private static String framingReason(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            return "frame length over " + ChatFrameDecoder.MAX_BODY_BYTES + " bytes (or 2^31 and up): refused";
        }
        Throwable root = cause instanceof CorruptedFrameException || cause.getCause() == null ? cause : cause.getCause();
        return "bad frame: " + root.getMessage();
    }
}
