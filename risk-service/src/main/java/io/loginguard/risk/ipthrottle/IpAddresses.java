package io.loginguard.risk.ipthrottle;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key an address is counted under: an IPv4 address in dotted-quad form, or an IPv6 address cut to its prefix
 * ({@code 2001:db8:0:0:0:0:0:0/64}). Only literals are accepted: no name is ever resolved (that would make a
 * decision depend on DNS).
 */
public final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {
    }

    /** The counting key of {@code raw}, or empty when it is not an IPv4 or IPv6 literal. */
    public static Optional<String> key(String raw, int ipv6PrefixLength) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip();
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i <= 4; i++) {
                int octet = Integer.parseInt(v4.group(i));
                if (octet > 255) {
                    return Optional.empty();
                }
                out.append(i == 1 ? "" : ".").append(octet);
            }
            return Optional.of(out.toString());
        }
        if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
            return Optional.empty();
        }
        InetAddress address;
        try {
            // A string with a colon is parsed as an IPv6 literal and never looked up.
            address = InetAddress.getByName(text);
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
        if (address instanceof Inet4Address) {
            return Optional.of(address.getHostAddress()); // ::ffff:a.b.c.d is an IPv4 client
        }
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (ipv6PrefixLength >= 128) {
            return Optional.of(address.getHostAddress());
        }
        for (int bit = ipv6PrefixLength; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes).getHostAddress() + "/" + ipv6PrefixLength);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
