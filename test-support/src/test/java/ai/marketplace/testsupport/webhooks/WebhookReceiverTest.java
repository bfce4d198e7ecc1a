package ai.marketplace.testsupport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

    static WebhookReceiver.Received delivery(String signature) {
        return new WebhookReceiver.Received("/", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", signature, "application/json",
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
    }

    /** The example of the Standard Webhooks specification. */
    @Test
    void acceptsTheSpecificationsExampleAndNothingElse() {
        String specKey = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertThat(delivery("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=").signedWith(specKey)).isTrue();
        assertThat(delivery("v1,AAAA v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=").signedWith(specKey)).isTrue();
        assertThat(delivery("v1,h0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=").signedWith(specKey)).isFalse();
        assertThat(delivery("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=").signedWith(specKey)).isFalse();
        assertThat(delivery(null).signedWith(specKey)).isFalse();
        assertThat(delivery("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=").signedWith("whsec_" + "A".repeat(44))).isFalse();
    }
}
