package io.loginguard.auth.login;

import io.loginguard.auth.config.AuthConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The client's IP: the socket peer's, unless the peer is one of the configured trusted proxies, in which case the
 * right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy. Nobody else's header is
 * believed: a client could name any address, and with no trusted proxy configured, one ingress address in front
 * of auth would make IP throttling throttle everyone, so a deployment behind a proxy must name it.
 */
@ApplicationScoped
public class ClientAddress {
    private final List<Cidr> trusted;
    private final AuthConfig.Client config;

    @Inject
    public ClientAddress(AuthConfig config) {
        this(config.client().trustedProxies().orElse(List.of()), config.client());
    }

    ClientAddress(List<String> trustedProxies) {
        this(trustedProxies, null);
    }

    private ClientAddress(List<String> trustedProxies, AuthConfig.Client config) {
        this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
        this.config = config;
    }

    /**
     * Who sent a request, as every JSON endpoint records it (attempts, revocations): the resolved address, the
     * device id, the user agent, and the edge's country and coordinates headers.
     */
    public ClientInfo of(HttpServerRequest http) {
        String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return new ClientInfo(resolve(peer, http.getHeader("X-Forwarded-For")),
                http.getHeader("X-Device-Id"), http.getHeader("User-Agent"), http.getHeader(config.countryHeader()),
                ClientInfo.degrees(http.getHeader(config.latitudeHeader())),
                ClientInfo.degrees(http.getHeader(config.longitudeHeader())));
    }

    public String resolve(String peer, String forwardedFor) {
        if (peer == null || !isTrusted(peer) || forwardedFor == null) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            Optional<InetAddress> address = literal(hop);
            if (address.isEmpty()) {
                return peer; // garbage in the chain: believe nothing past it
            }
            if (!isTrusted(hop)) {
                return address.get().getHostAddress();
            }
        }
        return peer;
    }

    private boolean isTrusted(String ip) {
        Optional<InetAddress> address = literal(ip);
        return address.isPresent() && trusted.stream().anyMatch(c -> c.contains(address.get()));
    }

    /** Only IP literals: never a name lookup for a string a client sent. */
    static Optional<InetAddress> literal(String text) {
        if (text.isEmpty() || text.length() > 45 || !text.matches("[0-9a-fA-F:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            byte[] bytes = literal(host).orElseThrow(() -> new IllegalArgumentException("not an IP or CIDR: " + text)).getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new Cidr(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
