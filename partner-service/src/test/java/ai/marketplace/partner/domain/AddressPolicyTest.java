package ai.marketplace.partner.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.5.5.5", "::1", "10.0.0.1", "172.16.3.4", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "fe80::1", "fd00:ec2::254", "fc00::1", "100.64.0.1", "100.127.255.255", "0.0.0.0", "::",
            "224.0.0.1", "ff02::1", "240.0.0.1", "255.255.255.255", "192.0.0.8", "198.18.0.1", "::ffff:10.0.0.1",
            "::ffff:169.254.169.254", "64:ff9b::a00:1", "::127.0.0.1", "fec0::1" })
    void refusesEveryAddressInsideTheCluster(String address) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address), false)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "8.8.8.8", "1.1.1.1", "93.184.215.14", "100.128.0.1", "172.32.0.1", "2606:4700::1111",
            "64:ff9b::808:808" })
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address), false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "::1" })
    void loopbackOnlyWhereConfigured(String address) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address), true)).isNull();
        assertThat(AddressPolicy.refusal(InetAddress.getByName("10.1.2.3"), true)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.1", "169.254.169.254" })
    void oneBadAddressAmongGoodOnesRefusesTheName(String bad) throws Exception {
        // DNS rebinding's cheap form: a name with a public and a private answer.
        assertThat(AddressPolicy.refusal(List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName(bad)), false))
                .startsWith(bad);
        assertThat(AddressPolicy.refusal(List.of(), false)).isEqualTo("no address");
    }
}
