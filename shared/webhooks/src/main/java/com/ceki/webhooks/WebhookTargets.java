package com.ceki.webhooks;

import com.ceki.core.config.Config;
import com.ceki.core.validation.Validator;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may be sent: on AWS only {@code https}, and never to an address inside a network (private,
 * loopback, link-local such as the instance metadata service, unique-local, carrier-grade NAT, unspecified,
 * multicast). The check runs at send time on every address the host resolves to then, since a name that was public
 * when the URL was saved may not be now. {@code allowLoopback} is the local switch: plain {@code http} and loopback
 * addresses for {@code ./dev up} and the tests; never set on AWS.
 */
public final class WebhookTargets {

    /** Resolves a host name (the system resolver in production). */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final Resolver resolver;

    /** {@code WEBHOOK_ALLOW_LOOPBACK}: the local switch (plain http, loopback addresses); false on AWS. */
    public static WebhookTargets fromConfig(Config config) {
        return new WebhookTargets(config.bool("WEBHOOK_ALLOW_LOOPBACK", false));
    }

    public WebhookTargets(boolean allowLoopback) {
        this(allowLoopback, InetAddress::getAllByName);
    }

    public WebhookTargets(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    /** Why {@code url} may not receive a webhook now, or empty when it may (resolving its host now). */
    public Optional<String> refusal(String url) {
        return check(url, true);
    }

    /**
     * Why {@code url} may not be saved as a callback URL: its scheme, credentials in it, or a host that is a
     * non-public address literal ({@code 10.0.0.1}, {@code [::1]}) or {@code localhost}. Other names are resolved only
     * at send time, where every delivery checks them again.
     */
    public Optional<String> refusalOnSave(String url) {
        return check(url, false);
    }

    /** Refuses (422 on {@code field}) a {@code url} that may not be saved as a callback URL; null is no URL. */
    public void validateCallbackUrl(Validator v, String field, String url) {
        if (url != null && !v.hasError(field)) {
            refusalOnSave(url).ifPresent(reason -> v.fail(field, "The " + field.replace('_', ' ')
                    + " cannot receive webhooks: " + reason + "."));
        }
    }

    private Optional<String> check(String url, boolean resolveNames) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowLoopback && scheme.equals("http"))) {
            return Optional.of("only https URLs receive webhooks");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("the URL has no host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("the URL must not carry credentials");
        }
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean literal = host.startsWith("[") || name.matches("[0-9.]+");
        if (!resolveNames && !literal) {
            boolean local = name.equalsIgnoreCase("localhost") || name.toLowerCase(Locale.ROOT).endsWith(".localhost");
            return local && !allowLoopback ? Optional.of("the host " + host + " is a loopback name") : Optional.empty();
        }
        InetAddress[] addresses;
        try {
            // A literal is parsed, not looked up.
            addresses = literal ? new InetAddress[] {InetAddress.getByName(name)} : resolver.resolve(name);
        } catch (UnknownHostException e) {
            return Optional.of("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() && allowLoopback) {
                continue;
            }
            if (!isPublic(address)) {
                return Optional.of("the host " + host + " resolves to a non-public address (" + address.getHostAddress() + ")");
            }
        }
        return Optional.empty();
    }

    /** Whether an address is on the public internet (not private, loopback, link-local, unique-local, ...). */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                        // 0.0.0.0/8 "this network"
                    && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19))    // 198.18.0.0/15 benchmarking
                    && first < 240;                                   // 240.0.0.0/4 reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local (site-local fec0::/10 is caught above)
        }
        return false;
    }
}
