package io.loginguard.testinfra.redis;

import io.loginguard.testinfra.ServerUnavailableException;
import io.loginguard.testinfra.Settings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Redis server on this machine (127.0.0.1:6379 by default). Every test run uses keys under a prefix of
 * its own and deletes them when done. Speaks just enough RESP for that: PING, SCAN, DEL.
 */
public final class RedisServer {
    private static final String HOW_TO_START =
            "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no";

    private final String host;
    private final int port;

    public RedisServer(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** From LOGINGUARD_REDIS_HOST and LOGINGUARD_REDIS_PORT (or the matching system properties). */
    public static RedisServer fromEnvironment() {
        return new RedisServer(Settings.get("LOGINGUARD_REDIS_HOST", "127.0.0.1"),
                Settings.getInt("LOGINGUARD_REDIS_PORT", 6379));
    }

    public String uri() {
        return "redis://" + host + ":" + port;
    }

    public void requireReachable() {
        try {
            Object pong = command("PING");
            if (!"PONG".equals(pong)) {
                throw new IOException("unexpected answer to PING: " + pong);
            }
        } catch (IOException e) {
            throw new ServerUnavailableException("Redis", host + ":" + port
                    + " (set LOGINGUARD_REDIS_HOST/LOGINGUARD_REDIS_PORT)", HOW_TO_START, e);
        }
    }

    /** A fresh key prefix for one test run. */
    public TestKeyspace newKeyspace(String purpose) {
        requireReachable();
        return new TestKeyspace(this, "lgtest:" + purpose + ":" + UUID.randomUUID().toString().substring(0, 12) + ":");
    }

    /** Deletes every key starting with the prefix; returns how many went. */
    public long deleteKeys(String prefix) throws IOException {
        long deleted = 0;
        for (List<String> page : scan(prefix)) {
            List<String> del = new ArrayList<>(page.size() + 1);
            del.add("DEL");
            del.addAll(page);
            deleted += (Long) command(del.toArray(String[]::new));
        }
        return deleted;
    }

    /** Counts the keys under a prefix. */
    public long countKeys(String prefix) throws IOException {
        return scan(prefix).stream().mapToLong(List::size).sum();
    }

    /** The keys under a prefix, page by page (SCAN, so Redis is never blocked by a KEYS). */
    private List<List<String>> scan(String prefix) throws IOException {
        List<List<String>> pages = new ArrayList<>();
        String cursor = "0";
        do {
            List<?> reply = (List<?>) command("SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000");
            cursor = (String) reply.get(0);
            List<String> keys = ((List<?>) reply.get(1)).stream().map(String.class::cast).toList();
            if (!keys.isEmpty()) {
                pages.add(keys);
            }
        } while (!"0".equals(cursor));
        return pages;
    }

    /** Sends one command and returns the decoded reply (String, Long, List or null). */
    public Object command(String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                req.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
            }
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return Resp.read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** The few RESP2 reply types the commands above produce. */
    static final class Resp {
        private Resp() {
        }

        static Object read(InputStream in) throws IOException {
            int type = in.read();
            String line = line(in);
            return switch (type) {
                case '+' -> line;
                case '-' -> throw new IOException("Redis error: " + line);
                case ':' -> Long.parseLong(line);
                case '$' -> bulk(in, Integer.parseInt(line));
                case '*' -> array(in, Integer.parseInt(line));
                default -> throw new IOException("unexpected RESP type " + (char) type);
            };
        }

        private static Object bulk(InputStream in, int length) throws IOException {
            if (length < 0) {
                return null;
            }
            byte[] data = in.readNBytes(length + 2);
            return new String(data, 0, length, StandardCharsets.UTF_8);
        }

        private static Object array(InputStream in, int count) throws IOException {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                items.add(read(in));
            }
            return items;
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("connection closed by Redis");
                }
                sb.append((char) c);
            }
            in.read(); // '\n'
            return sb.toString();
        }
    }
}
