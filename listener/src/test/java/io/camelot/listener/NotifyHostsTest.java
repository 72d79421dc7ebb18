package io.camelot.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifyHostsTest {
    private final NotifyHosts hosts =
            NotifyHosts.parse(List.of("Hooks.Example.COM", "api.example.net:8443", "[::1]:9000!private"));

    @Test
    void matchesListedHostsCaseInsensitivelyAndPortsWhenListed() {
        assertThat(hosts.refusal("https://hooks.example.com./done?x=1")).isEmpty();
        assertThat(hosts.refusal("http://HOOKS.example.com:1234/")).isEmpty();
        assertThat(hosts.refusal("https://api.example.net:8443/n")).isEmpty();
        assertThat(hosts.refusal("https://api.example.net/n"))
                .contains("notifyUri host api.example.net is not allowed by this TCS ([listener] notify_hosts)");
        assertThat(hosts.refusal("http://[::1]:9000/")).isEmpty();
        assertThat(hosts.refusal("http://[::1]:9001/")).isPresent();
        assertThat(hosts.target("http://[::1]:9000").path()).isEqualTo("/");
        assertThat(hosts.target("http://[::1]:9000").privateAllowed()).isTrue();
        assertThat(hosts.target("https://hooks.example.com/a?b").path()).isEqualTo("/a?b");
        assertThat(hosts.target("https://hooks.example.com/a?b").port()).isEqualTo(443);
    }

    @Test
    void refusesOtherSchemesHostsAndUnparsableUris() {
        assertThat(hosts.refusal("ftp://hooks.example.com/"))
                .contains("notifyUri must be an http or https URL with a host");
        assertThat(hosts.refusal("hooks.example.com/")).contains("notifyUri must be an http or https URL with a host");
        assertThat(hosts.refusal("http://hooks.example.com@evil.example/")).isPresent();
        assertThat(hosts.refusal("http://evil.example\\@hooks.example.com/"))
                .get()
                .asString()
                .startsWith("notifyUri is not a valid URL");
        assertThat(hosts.refusal("")).isEmpty();
        assertThat(hosts.refusal(null)).isEmpty();
        assertThat(NotifyHosts.none().refusal("http://hooks.example.com/")).isPresent();
    }

    @Test
    void refusesEntriesThatAreNotHostOrHostAndPort() {
        for (String bad : List.of("http://a.example", "a.example/path", "user@a.example", "a.example:x", "")) {
            assertThatThrownBy(() -> NotifyHosts.parse(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not host or host:port");
        }
    }

    @Test
    void nonPublicAddressesAreTheInternalRanges() throws Exception {
        for (String inside : List.of(
                "127.0.0.1",
                "::1",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "0.0.0.0",
                "::",
                "224.0.0.1",
                "ff02::1",
                "::ffff:10.0.0.1")) {
            assertThat(NotifyHosts.isNonPublic(InetAddress.getByName(inside)))
                    .as(inside)
                    .isTrue();
        }
        for (String outside : List.of("8.8.8.8", "172.32.0.1", "2001:4860:4860::8888", "93.184.216.34")) {
            assertThat(NotifyHosts.isNonPublic(InetAddress.getByName(outside)))
                    .as(outside)
                    .isFalse();
        }
    }
}
