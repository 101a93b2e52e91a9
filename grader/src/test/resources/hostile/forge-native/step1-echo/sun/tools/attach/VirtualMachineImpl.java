package sun.tools.attach;

import java.io.IOException;

/*
 * HOSTILE FIXTURE forge-native (see dcchat/echo/Hostile.java beside it).
 *
 * A class named exactly like the JDK's attach implementation on Linux. The test JVM leaves the jdk.attach module
 * out, so nothing stops a submission from defining a class with this name; and the JDK's own native library
 * for it, lib/libattach.so, is still on disk inside the JDK folder the sandbox shows. Its functions are found by
 * name (Java_sun_tools_attach_VirtualMachineImpl_write, …), so once this class loads that library, write() and
 * read() below are the JDK's native code: they write and read ANY file descriptor number.
 */
public final class VirtualMachineImpl {

    static {
        System.load(System.getProperty("java.home") + "/lib/libattach.so"); // the JDK's own library
    }

    private VirtualMachineImpl() {
    }

    /** The JDK's native write(fd, buf, off, len). */
    public static native void write(int fd, byte[] buf, int off, int len) throws IOException;
}
