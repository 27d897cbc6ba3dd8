package io.loginguard.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.net.FaultProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

    /** An echo server: what a client sends comes back. */
    private static ServerSocket echoServer() throws IOException {
        ServerSocket server = new ServerSocket(0);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread echo = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // client went
                        }
                    });
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        byte[] buffer = new byte[text.length()];
        int read = 0;
        while (read < buffer.length) {
            int n = socket.getInputStream().read(buffer, read, buffer.length - read);
            if (n < 0) {
                throw new IOException("closed after " + read + " bytes");
            }
            read += n;
        }
        return new String(buffer, StandardCharsets.UTF_8);
    }

    /** Whether a round trip on the socket fails within the time (the reset may reach the client a moment later). */
    private static boolean failsWithin(Socket socket, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            try {
                roundTrip(socket, "again");
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    private static Socket connect(FaultProxy proxy) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 1000);
        s.setSoTimeout(1000);
        return s;
    }

    @Test
    void cutResetsOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        try (ServerSocket echo = echoServer(); FaultProxy proxy = FaultProxy.start("127.0.0.1", echo.getLocalPort())) {
            Socket before = connect(proxy);
            assertThat(roundTrip(before, "hello")).isEqualTo("hello");

            proxy.cut();
            assertThat(failsWithin(before, 2_000)).as("the open connection is reset").isTrue();
            assertThatThrownBy(() -> connect(proxy)).isInstanceOf(ConnectException.class);

            proxy.restore();
            try (Socket after = connect(proxy)) {
                assertThat(roundTrip(after, "back")).isEqualTo("back");
            }
            before.close();
        }
    }

    /**
     * A cut must refuse the very next connection, not one a moment later: a listener closed while its thread waits in
     * accept() lives on in the kernel until that thread has left the call, and a connection made in between used to
     * be accepted (a CI run saw it).
     */
    @Test
    void aCutRefusesTheVeryNextConnectionEveryTime() throws IOException {
        try (ServerSocket echo = echoServer(); FaultProxy proxy = FaultProxy.start("127.0.0.1", echo.getLocalPort())) {
            for (int round = 0; round < 50; round++) {
                proxy.restore();
                try (Socket open = connect(proxy)) {
                    assertThat(roundTrip(open, "round " + round)).isEqualTo("round " + round);
                }
                proxy.cut();
                assertThatThrownBy(() -> connect(proxy)).as("round %d", round).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void aBlackholeAcceptsButPassesNothingAndRestoringDeliversWhatWaited() throws IOException {
        try (ServerSocket echo = echoServer(); FaultProxy proxy = FaultProxy.start("127.0.0.1", echo.getLocalPort());
                Socket socket = connect(proxy)) {
            assertThat(roundTrip(socket, "one")).isEqualTo("one");

            proxy.blackhole();
            assertThatThrownBy(() -> roundTrip(socket, "two")).isInstanceOf(SocketTimeoutException.class);
            try (Socket during = connect(proxy)) { // accepted, as by a host that is there but silent
                assertThat(during.isConnected()).isTrue();
            }

            proxy.restore();
            socket.setSoTimeout(5000);
            byte[] late = socket.getInputStream().readNBytes(3);
            assertThat(new String(late, StandardCharsets.UTF_8)).isEqualTo("two");
        }
    }

    @Test
    void aBrokerBehindTheProxyIsReachedOnlyThroughIt() throws Exception {
        int proxyPort = KafkaBroker.freePort();
        int brokerPort;
        try (KafkaBroker broker = startBehind(proxyPort)) {
            brokerPort = broker.port();
            try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerPort, proxyPort)) {
                broker.createCatalogueTopics();
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "1500",
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000",
                        ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>(Topics.SECURITY_EVENTS, "k", "before")).get(10, TimeUnit.SECONDS);
                    long connectionsBefore = proxy.connections();
                    assertThat(connectionsBefore).as("the client's every connection went through the proxy").isPositive();

                    proxy.cut();
                    assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.SECURITY_EVENTS, "k", "during"))
                            .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);

                    proxy.restore();
                    producer.send(new ProducerRecord<>(Topics.SECURITY_EVENTS, "k", "after")).get(20, TimeUnit.SECONDS);
                    assertThat(proxy.connections()).isGreaterThan(connectionsBefore);
                }
            }
        }
    }

    private static KafkaBroker startBehind(int proxyPort) {
        return KafkaBroker.startEphemeralBehind(proxyPort);
    }
}
