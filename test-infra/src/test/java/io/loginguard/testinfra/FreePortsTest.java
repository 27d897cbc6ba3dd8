package io.loginguard.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.testinfra.net.FreePorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void manyPortsAreDistinctBelowTheEphemeralRangeAndBindable() throws IOException {
        int ephemeralStart = Integer.parseInt(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.next();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port).isBetween(15000, ephemeralStart - 1);
        }
        int port = FreePorts.next();
        try (ServerSocket socket = new ServerSocket(port)) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
