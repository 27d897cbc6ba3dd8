package io.loginguard.auth.password;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lowers the calling thread's scheduling priority (raises its nice value) on Linux, where every thread is a task
 * with a nice value of its own: {@code setpriority(PRIO_PROCESS, tid, nice)} through libc (JNA, which auth already
 * loads for libargon2). Raising one's own nice value needs no privilege; lowering it again would, so a thread lowered
 * here stays lowered: only threads made for the purpose should call it.
 */
final class ThreadNiceness {
    private static final int PRIO_PROCESS = 0;

    interface LibC extends Library {
        int setpriority(int which, int who, int prio);
    }

    private ThreadNiceness() {
    }

    /**
     * Sets the calling thread's nice value; {@code false} when the platform does not allow it (not Linux, no libc
     * through JNA, refused). A value of 0 or below leaves the thread as it is.
     */
    static boolean lowerCurrentThread(int nice) {
        if (nice <= 0) {
            return false;
        }
        try {
            int rc = Holder.LIBC.setpriority(PRIO_PROCESS, currentThreadId(), Math.min(nice, 19));
            return rc == 0;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** The kernel's id of the calling thread: /proc/thread-self links to {@code <pid>/task/<tid>}. */
    private static int currentThreadId() throws java.io.IOException {
        String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
        return Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }
}
