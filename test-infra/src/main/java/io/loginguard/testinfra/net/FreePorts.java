package io.loginguard.testinfra.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test servers that nothing else will be handed in the meantime.
 *
 * <p>Asking the kernel for port 0 and closing the socket is not enough: the kernel may give the same port to the
 * next caller (one local stack once got its Kafka controller and auth on one port), and the port lies in the
 * ephemeral range, where any outgoing connection may take it before the server binds. So a port is drawn at random
 * below the ephemeral range, checked to be free, and never handed out twice by this JVM.
 */
public final class FreePorts {
    private static final int LOWEST = 15000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {}

    /** A port that is free now, below the ephemeral range, and not returned before by this JVM. */
    public static synchronized int next() {
        int highest = Math.max(LOWEST + 1000, ephemeralStart());
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest);
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOWEST + " and " + highest));
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port the kernel uses for outgoing connections (Linux), or 32768 when it cannot be read. */
    static int ephemeralStart() {
        try {
            // readAllLines, not readString: a /proc file reports size 0 and readString then returns its first byte.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
