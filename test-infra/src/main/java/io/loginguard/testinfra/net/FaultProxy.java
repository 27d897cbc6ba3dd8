package io.loginguard.testinfra.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy a test puts between a service and one of its servers (Kafka, PostgreSQL, Redis) to take that server
 * away without stopping it, since the servers are shared by every test on the machine.
 * <ul>
 * <li>{@link #cut()}: as if the server had stopped. Every open connection is reset and the port refuses new ones,
 * so clients see "connection refused", exactly as from a stopped process.</li>
 * <li>{@link #blackhole()}: as if the network had gone silent. Connections are accepted and kept, but no byte passes
 * either way, so clients see only their own timeouts.</li>
 * <li>{@link #restore()}: bytes flow again; new connections reach the server (those cut stay cut, as they would).</li>
 * </ul>
 * One thread per direction per connection: meant for a handful of connections, not for load.
 */
public final class FaultProxy implements AutoCloseable {
    public enum Mode { OPEN, CUT, BLACKHOLE }

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private volatile Mode mode = Mode.OPEN;
    private volatile ServerSocket listener;
    private volatile Thread acceptor; // the listener's thread
    private volatile boolean closed;

    private FaultProxy(String targetHost, int targetPort, int port) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = port;
    }

    /**
     * A proxy on a free local port to {@code targetHost:targetPort}. The port comes from {@link FreePorts}, below the
     * ephemeral range: while the proxy is cut its port must stay refused, and a port in the ephemeral range may
     * meanwhile be taken by an outgoing connection, or even connect to itself (TCP simultaneous open), which one CI
     * run saw as a connection "accepted" by a cut proxy.
     */
    public static FaultProxy start(String targetHost, int targetPort) {
        UncheckedIOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return start(targetHost, targetPort, FreePorts.next());
            } catch (UncheckedIOException e) {
                last = e; // taken by another process between the check and the bind: draw again
            }
        }
        throw last;
    }

    /** A proxy on the given local port (0: one the kernel picks) to {@code targetHost:targetPort}. */
    public static FaultProxy start(String targetHost, int targetPort, int port) {
        try {
            ServerSocket server = bind(port);
            FaultProxy proxy = new FaultProxy(targetHost, targetPort, server.getLocalPort());
            proxy.listen(server);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    public String hostAndPort() {
        return "localhost:" + port;
    }

    public Mode mode() {
        return mode;
    }

    /** How many connections clients have opened through the proxy so far. */
    public long connections() {
        return connections.get();
    }

    /** The server is gone: open connections are reset, new ones refused. */
    public synchronized void cut() {
        mode = Mode.CUT;
        closeQuietly(listener);
        listener = null;
        awaitEnd(acceptor);
        acceptor = null;
        for (Socket s : sockets) {
            reset(s);
        }
        sockets.clear();
    }

    /** The network is silent: connections stay open (and new ones are accepted) but nothing passes. */
    public synchronized void blackhole() {
        mode = Mode.BLACKHOLE;
        ensureListening();
    }

    /** Bytes flow again, and the port accepts connections to the server. */
    public synchronized void restore() {
        mode = Mode.OPEN;
        ensureListening();
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        cut();
        notifyAll();
    }

    private void ensureListening() {
        if (listener == null && !closed) {
            try {
                listen(bind(port));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port + " again", e);
            }
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        return server;
    }

    private void listen(ServerSocket server) {
        listener = server;
        acceptor = new Thread(() -> accept(server), "fault-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Waits for the listener's thread to leave accept(). Closing a ServerSocket while a thread waits in accept()
     * does not close it in the kernel at once: the waiting call holds the socket until the JDK's signal has made it
     * return, and a connection made in between is accepted. So a cut is complete only once that thread has ended.
     */
    private static void awaitEnd(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed by cut() or close()
            }
            connections.incrementAndGet();
            sockets.add(client);
            Thread opener = new Thread(() -> connect(client), "fault-proxy-connect-" + port);
            opener.setDaemon(true);
            opener.start();
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            reset(client);
            sockets.remove(client);
            return;
        }
        sockets.add(upstream);
        pipe(client, upstream, "up");
        pipe(upstream, client, "down");
    }

    private void pipe(Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitFlowing();
                    if (from.isClosed() || to.isClosed()) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side went, or the proxy cut it
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "fault-proxy-" + direction + "-" + port);
        t.setDaemon(true);
        t.start();
    }

    /** Holds bytes back while the proxy is a black hole (and drops them for good once it is cut). */
    private void awaitFlowing() throws InterruptedException, SocketException {
        synchronized (this) {
            while (mode == Mode.BLACKHOLE && !closed) {
                wait(100);
            }
        }
        if (mode == Mode.CUT || closed) {
            throw new SocketException("cut");
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // RST, as a vanished server's host would send
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing to do
            }
        }
    }
}
