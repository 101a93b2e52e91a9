package dcchat.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A DCChat server written the event-loop way, with Netty: the benchmark's comparator for the step 4 reference
 * (BENCHMARKS.md, "Against an event-loop server"). Not a teaching step — a peer that speaks the same wire contract
 * (docs/ARCHITECTURE.md) with the same rules (step4-broadcast/README.md §2–§6), written as one would write a
 * chat server in Netty for this load:
 *
 * <ul>
 *   <li><b>One event loop for every client</b> (and one more that accepts). Every read, every broadcast and every
 *       write runs on that one thread, so the room ({@link ChatRoom}) needs no lock, and no thread is ever woken
 *       to write one frame: a broadcast only appends a buffer to each member's outbound list.</li>
 *   <li><b>epoll</b> where the native transport loads (Linux x86-64), NIO elsewhere.</li>
 *   <li><b>Framing by Netty's codecs</b>: {@link ChatFrameDecoder} (a {@code LengthFieldBasedFrameDecoder}: a
 *       4-byte big-endian length, 1..65,536, checked before any body is buffered) in, {@link LengthFieldPrepender}
 *       out.</li>
 *   <li><b>A frame is encoded once per broadcast</b>: every member gets a retained duplicate of the same body
 *       (no copy), and the prepender adds its 4-byte header.</li>
 *   <li><b>{@link FlushConsolidationHandler}</b>, consolidating even outside a read: the flushes a burst of
 *       broadcasts asks of one member are merged into one {@code writev} per pass of the event loop — Netty's
 *       batching, where the reference relies on frames piling up in a queue while its writer thread sleeps.</li>
 *   <li><b>Write-buffer water marks</b> for slow clients: a member whose outbound bytes stay above the high mark
 *       for {@link ChatHandler#SLOW_CLIENT_GRACE_MILLIS} (or pass a hard cap) is disconnected, and the others
 *       see it leave — the reference's bounded queue, counted in bytes.</li>
 * </ul>
 *
 * <pre>
 *   java -cp BENCHMARKS_RUNTIME_CP dcchat.bench.netty.NettyChatServer --port 0
 *   prints: DCChat server listening on 127.0.0.1:PORT      (what the benchmark's SpawnedServer waits for)
 * </pre>
 */
public final class NettyChatServer implements AutoCloseable {

    /** Outbound bytes above which a member is unwritable (its slow-client clock starts). */
    static final int HIGH_WATER_MARK = 1 << 20;
    /** Outbound bytes below which it is writable again. */
    static final int LOW_WATER_MARK = 256 << 10;

    private final EventLoopGroup boss;
    private final EventLoopGroup clients;
    private final Channel listener;
    private final String transport;

    private NettyChatServer(EventLoopGroup boss, EventLoopGroup clients, Channel listener, String transport) {
        this.boss = boss;
        this.clients = clients;
        this.listener = listener;
        this.transport = transport;
    }

    /**
     * Binds to loopback and starts serving.
     *
     * @param port the port, or 0 for any free one
     * @return the running server
     * @throws InterruptedException if interrupted while binding
     */
    public static NettyChatServer start(int port) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("netty-accept"), io);
        // Exactly one thread for every client: ChatRoom relies on it (no locks, one order of events).
        EventLoopGroup clients = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("netty-chat"), io);
        ChatRoom room = new ChatRoom();
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, clients)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024) // a class of 2,000 connects at once
                    .childOption(ChannelOption.TCP_NODELAY, true) // frames are small and latency matters
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) // to answer a frame cut short by a FIN
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ChannelPipeline p = ch.pipeline();
                            // First, so that it sees every flush: at most one real flush per member per loop pass.
                            p.addLast("flush", new FlushConsolidationHandler(
                                    FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                            p.addLast(ChatFrameDecoder.NAME, new ChatFrameDecoder());
                            p.addLast("prepender", new LengthFieldPrepender(4));
                            p.addLast("chat", new ChatHandler(room));
                        }
                    });
            Channel listener = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                    .sync().channel();
            return new NettyChatServer(boss, clients, listener, epoll ? "epoll" : "nio");
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** @return the port the server listens on */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** @return "epoll" or "nio" */
    public String transport() {
        return transport;
    }

    /** Stops accepting, closes every client, and waits (bounded) for both event loops to end. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }

    /**
     * Starts the server and runs until the process is stopped (SIGTERM closes it through a shutdown hook).
     *
     * @param args {@code [--port P]}, default 5000; 0 takes any free port
     * @throws InterruptedException if interrupted while binding
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 5000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: NettyChatServer [--port P]   (P = 0: any free port)");
                System.exit(2);
            }
        }
        NettyChatServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "netty-chat-stop"));
        System.out.println("DCChat server listening on 127.0.0.1:" + server.port());
        System.out.flush();
        System.err.println("(Netty " + server.transport() + ", one event loop for the clients)");
    }
}
