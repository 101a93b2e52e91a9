package dcchat.echo;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.List;

/*
 * HOSTILE FIXTURE big-file — write a 1 GiB file in /tmp and in the working folder.
 *
 * What the student tries: fill the disk with two 1 GiB files, /tmp/dcchat-hostile-big and ./dcchat-hostile-big
 * (the working folder), and /dev/shm if it exists; print how much each got. Then delete them and carry on as
 * the reference, which scores full marks honestly.
 *
 * Why it must be contained: the only writable place is the sandbox's private /tmp, a small tmpfs (it is also
 * the working folder), so the writes end with "No space left on device" and nothing reaches the host's disk.
 * (The test calls Hostile.run() once, from the start of EchoServer's constructor.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        byte[] mib = new byte[1 << 20];
        for (String name : List.of("/tmp/dcchat-hostile-big", "dcchat-hostile-big", "/dev/shm/dcchat-hostile-big")) {
            long written = 0;
            try (OutputStream out = new FileOutputStream(name)) {
                while (written < (1L << 30)) {
                    out.write(mib);
                    written += mib.length;
                }
                System.out.println("big-file: " + name + " got all " + (written >> 20) + " MiB");
            } catch (Throwable t) {
                System.out.println("big-file: " + name + " stopped at " + (written >> 20) + " MiB: " + t);
            }
            new java.io.File(name).delete();
        }
    }
}
