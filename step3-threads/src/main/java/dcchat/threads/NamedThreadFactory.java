package dcchat.threads;

import java.util.concurrent.ThreadFactory;

/**
 * Makes the executor's threads with readable names: {@code dcchat-client-1}, {@code dcchat-client-2}, …
 *
 * <p>Step 3 of DCChat (README §3). Names are what a thread dump, a debugger, a log line and the tests show;
 * a pool's default names ({@code pool-1-thread-7}) say nothing about whose thread it is. Not run on its own:
 * {@link ThreadedEchoServer} gives one to its executor.
 */
final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;

    // README §3: a thread-safe counter here (the executor may ask for threads from several threads at once).

    /** @param prefix the start of every name, e.g. {@code "dcchat-client-"}; a number 1, 2, … follows */
    NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Makes a new, not yet started, non-daemon thread named prefix + the next number (README §3).
     *
     * @param task what the thread will run (the executor's worker loop)
     * @return the thread
     */
    @Override
    public Thread newThread(Runnable task) {
        throw new UnsupportedOperationException("Step 3: make a thread named dcchat-client-<n> — see README §3 A thread per client, from an executor");
    }
}
