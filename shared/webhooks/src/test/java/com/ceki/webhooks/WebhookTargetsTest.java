package com.ceki.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The target rules, with host names answered from a table rather than the machine's resolver (which has no DNS here). */
class WebhookTargetsTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "rebound.example.com", "10.0.0.7",
            "metadata.example.com", "169.254.169.254",
            "cgnat.example.com", "100.64.1.1",
            "ula.example.com", "fd00::1",
            "mapped.example.com", "::ffff:127.0.0.1",
            "v6.example.com", "2606:4700:4700::1111");

    private static WebhookTargets targets(boolean allowLoopback) {
        return new WebhookTargets(allowLoopback, host -> {
            String address = DNS.getOrDefault(host, host.matches("[0-9a-f:.]+") ? host : null);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        });
    }

    @Test
    void onlyPublicHttpsTargetsPass() {
        WebhookTargets aws = targets(false);
        assertEquals(Optional.empty(), aws.refusal("https://hooks.example.com/in"));
        assertEquals(Optional.empty(), aws.refusal("https://v6.example.com/in"));
        assertEquals(Optional.empty(), aws.refusal("https://[2606:4700:4700::1111]:8443/in"));
        for (String url : List.of("http://hooks.example.com/in", "ftp://hooks.example.com", "https://rebound.example.com/in",
                "https://metadata.example.com/latest", "https://cgnat.example.com", "https://ula.example.com",
                "https://mapped.example.com", "https://127.0.0.1/", "https://[::1]/", "https://0.0.0.0/",
                "https://192.168.1.10/", "https://172.16.0.1/", "https://224.0.0.1/", "https://nowhere.example.com/",
                "https://user:pass@hooks.example.com/", "not a url", "https:///path")) {
            assertTrue(aws.refusal(url).isPresent(), url);
        }
    }

    @Test
    void theLocalSwitchAllowsPlainHttpAndLoopbackOnly() {
        WebhookTargets local = targets(true);
        assertEquals(Optional.empty(), local.refusal("http://127.0.0.1:8080/hook"));
        assertEquals(Optional.empty(), local.refusal("http://[::1]:8080/hook"));
        assertTrue(local.refusal("http://rebound.example.com/hook").isPresent(), "private networks stay refused");
        assertTrue(local.refusal("http://metadata.example.com/").isPresent());
    }

    @Test
    void savingChecksTheSchemeAndAddressLiteralsAndLeavesNamesToSendTime() {
        WebhookTargets aws = targets(false);
        assertEquals(Optional.empty(), aws.refusalOnSave("https://not-resolvable-now.example.com/in"));
        for (String url : List.of("http://hooks.example.com/in", "https://10.1.2.3/in", "https://[fd00::1]/in",
                "https://169.254.169.254/latest", "https://2130706433/", "https://localhost:8443/", "https://a.localhost/")) {
            assertTrue(aws.refusalOnSave(url).isPresent(), url);
        }
        assertEquals(Optional.empty(), targets(true).refusalOnSave("http://127.0.0.1:9000/hook"));
    }
}
