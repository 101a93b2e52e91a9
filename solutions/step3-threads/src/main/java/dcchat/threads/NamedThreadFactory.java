package dcchat.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the executor's threads with readable names: {@code dcchat-client-1}, {@code dcchat-client-2}, …
 *
 * <p>Step 3 of DCChat (README §3). Names are what a thread dump, a debugger, a log line and the tests show;
 * a pool's default names ({@code pool-1-thread-7}) say nothing about whose thread it is. The counter is an
 * {@link AtomicInteger} because the executor may ask for threads from several threads at once. Not run on
 * its own: {@link ThreadedEchoServer} gives one to {@code Executors.newCachedThreadPool}.
 */
final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger created = new AtomicInteger();

    /** @param prefix the start of every name, e.g. {@code "dcchat-client-"}; a number 1, 2, … follows */
    NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Makes a new, not yet started, non-daemon thread named prefix + the next number.
     *
     * @param task what the thread will run (the executor's worker loop)
     * @return the thread
     */
    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + created.incrementAndGet());
        thread.setDaemon(false); // a leak must show, not hide: close() is what ends these threads (README §5)
        return thread;
    }
}
