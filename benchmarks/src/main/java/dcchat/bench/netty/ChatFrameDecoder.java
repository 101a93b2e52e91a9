package dcchat.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.util.List;

/**
 * The contract's framing, inbound: a 4-byte big-endian length N, then N bytes of body; passes on the body alone.
 * N is checked against 65,536 as soon as the header is in (fail fast), before a byte of the body is buffered; a
 * length of 2³¹ and up reads as a large unsigned number and fails the same check; a length of 0 passes here as an
 * empty body, which {@link ChatHandler} refuses. One addition to Netty's decoder: a connection that ends inside a
 * frame (a header or body cut short) is an error, not silently dropped bytes.
 */
final class ChatFrameDecoder extends LengthFieldBasedFrameDecoder {

    static final String NAME = "frames";

    /** The largest body the contract allows. */
    static final int MAX_BODY_BYTES = 65_536;

    ChatFrameDecoder() {
        // Netty's limit counts the header too: 4 + 65,536. Strip the 4 header bytes; fail fast on a long length.
        super(MAX_BODY_BYTES + 4, 0, 4, 0, 4, true);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable()) {
            int left = in.readableBytes();
            in.skipBytes(left);
            throw new CorruptedFrameException("the connection ended inside a frame (" + left
                    + " bytes of a header or body cut short)");
        }
    }
}
