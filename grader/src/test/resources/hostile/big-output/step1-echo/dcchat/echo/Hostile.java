package dcchat.echo;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.Arrays;

/*
 * HOSTILE FIXTURE big-output — print 3 GiB.
 *
 * What the student tries: 1.5 GiB through System.out (the runner's capture) and 1.5 GiB straight to the JVM's
 * own descriptor 2 (what the supervisor drains as the JVM's last words), to fill the grader's memory or disk,
 * or the reports. Then carry on as the reference, which scores full marks honestly.
 *
 * Why it must be contained: both are kept only up to the output cap and counted; the grade returns with a note.
 * (The test calls Hostile.run() once, from the start of EchoServer's constructor.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        byte[] mib = new byte[1 << 20];
        Arrays.fill(mib, (byte) 'x');
        for (int i = 0; i < 1536; i++) {
            System.out.write(mib, 0, mib.length);
        }
        System.out.flush();
        try {
            FileOutputStream raw = new FileOutputStream(FileDescriptor.err); // never closed: it is descriptor 2
            for (int i = 0; i < 1536; i++) {
                raw.write(mib);
            }
        } catch (Exception e) {
            System.out.println("big-output: descriptor 2 stopped: " + e);
        }
    }
}
