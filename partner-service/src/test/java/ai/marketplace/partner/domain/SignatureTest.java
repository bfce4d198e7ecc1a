package ai.marketplace.partner.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class SignatureTest {

    /** The example of the Standard Webhooks specification and its reference libraries. */
    @Test
    void matchesTheSpecificationsExample() {
        String header = Signature.header(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void everySecretSignsDuringAnOverlap() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String a = Signature.newSecret();
        String b = Signature.newSecret();
        assertThat(a).startsWith("whsec_").isNotEqualTo(b);
        String both = Signature.header(List.of(a, b), "id", 1, body);
        assertThat(both.split(" ")).containsExactly(Signature.header(List.of(a), "id", 1, body),
                Signature.header(List.of(b), "id", 1, body));
        assertThat(Signature.header(List.of(a), "id", 2, body)).isNotEqualTo(Signature.header(List.of(a), "id", 1, body));
        assertThat(Signature.header(List.of(a), "id2", 1, body)).isNotEqualTo(Signature.header(List.of(a), "id", 1, body));
    }
}
