package dcchat.grader.runner;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A thread of the runner's whose {@code run()} does its work once, and only on itself. {@code Thread.run()} is
 * public and student code can find the runner's threads ({@code Thread.getAllStackTraces()}): a plain thread's
 * {@code run()}, called from student code, would run the runner's work — a whole JUnit launch reporting to the
 * runner's listener — on the student's terms. The hostile suite did exactly that before this class existed.
 */
final class OwnedThread extends Thread {

    private final Runnable work;
    private final AtomicBoolean ran = new AtomicBoolean();

    OwnedThread(String name, Runnable work) {
        super(name);
        this.work = work;
    }

    @Override
    public void run() {
        if (Thread.currentThread() == this && ran.compareAndSet(false, true)) {
            work.run();
        }
    }
}
