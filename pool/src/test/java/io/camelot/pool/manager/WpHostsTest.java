package io.camelot.pool.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where WPs may register: hosts and CIDR ranges, compared as written, never resolved. */
class WpHostsTest {
    @Test
    void loopbackAllowsOnlyThisHost() {
        WpHosts loopback = WpHosts.loopback();
        assertAllowsOnly(
                loopback,
                List.of("http://127.0.0.1:7000", "https://127.8.0.1:1", "http://[::1]:7000", "http://LOCALHOST:1"),
                List.of(
                        "http://10.0.0.7:8080",
                        "http://169.254.169.254/",
                        "http://example.com:80",
                        "http://[::2]:1",
                        "http://127.0.0.1.example.com:1",
                        "http:///nohost"));
        assertThat(loopback.refusal("http://10.0.0.7:8080"))
                .hasValue("host 10.0.0.7 is not allowed for WPs ([pool] wp_hosts)");
    }

    @Test
    void rangesMatchAddressesAndNamesMatchExactly() {
        WpHosts hosts = WpHosts.parse(List.of("10.244.0.0/16", "wp.internal.", "fd00::/8", "192.168.1.5"));
        assertAllowsOnly(
                hosts,
                List.of("http://10.244.3.4:8080", "http://WP.Internal:1", "http://[fd12::1]:1", "http://192.168.1.5:9"),
                List.of(
                        "http://10.245.0.1:8080",
                        "http://127.0.0.1:1",
                        "http://evil.wp.internal:1",
                        "http://192.168.1.6:9",
                        "http://[fe00::1]:1"));
    }

    private static void assertAllowsOnly(WpHosts hosts, List<String> allowed, List<String> refused) {
        for (String url : allowed) {
            assertThat(hosts.refusal(url)).as(url).isEmpty();
        }
        for (String url : refused) {
            assertThat(hosts.refusal(url)).as(url).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::1/129", "wp.internal/8", "10.0.0.0/x", "a b", "http://wp:1", ""})
    void anEntryThatIsNoHostOrRangeIsRefused(String entry) {
        assertThatThrownBy(() -> WpHosts.parse(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wp_hosts entry");
    }
}
