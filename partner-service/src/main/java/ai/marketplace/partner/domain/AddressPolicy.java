package ai.marketplace.partner.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Which addresses a delivery may connect to: public unicast only. Loopback, private (RFC 1918, unique-local),
 * carrier-grade NAT, link-local (where cloud metadata services answer, 169.254.169.254 and fd00:ec2::254 alike),
 * unspecified, multicast and reserved ranges are refused, so an endpoint cannot point the service at the cluster's
 * own network. Loopback opens only where the configuration says so (the local stack, tests).
 */
public final class AddressPolicy {

    private AddressPolicy() {
    }

    /** Why {@code address} is refused, or null when a delivery may connect to it. */
    public static String refusal(InetAddress address, boolean allowLoopback) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback address";
        }
        if (address.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address (metadata services live there)";
        }
        if (address.isSiteLocalAddress()) {
            return "a private address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            if (a0 == 0 || a0 >= 240) {
                return "a reserved address";
            }
            if (a0 == 100 && (a1 & 0xc0) == 64) {
                return "a carrier-grade NAT address";
            }
            if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) {
                return "a reserved address";
            }
            if (a0 == 198 && (a1 == 18 || a1 == 19)) {
                return "a benchmarking address";
            }
            return null;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "a private (unique-local) address";
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "a private (site-local) address";
            }
            // IPv4 embedded in IPv6 (NAT64 64:ff9b::/96, IPv4-compatible ::a.b.c.d): judged as the IPv4 address it carries.
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && allZero(b, 4, 12);
            boolean compatible = allZero(b, 0, 12);
            if (nat64 || compatible) {
                try {
                    return refusal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)), allowLoopback);
                } catch (java.net.UnknownHostException e) {
                    return "an unusable address";
                }
            }
        }
        return null;
    }

    /** The first refusal among all the addresses a name resolves to: one bad address is enough to refuse. */
    public static String refusal(List<InetAddress> addresses, boolean allowLoopback) {
        if (addresses.isEmpty()) {
            return "no address";
        }
        for (InetAddress a : addresses) {
            String r = refusal(a, allowLoopback);
            if (r != null) {
                return a.getHostAddress() + " is " + r;
            }
        }
        return null;
    }

    /** Host names that are loopback by definition, so that http to them can be allowed without resolving. */
    static boolean namesLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
