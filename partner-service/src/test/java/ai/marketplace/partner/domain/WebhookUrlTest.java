package ai.marketplace.partner.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.marketplace.platform.domain.DomainException.InvalidInput;

class WebhookUrlTest {

    @Test
    void httpsWithPathQueryAndPort() {
        WebhookUrl u = WebhookUrl.parse("https://Hooks.Example.COM:8443/in/bound?x=1&y=%20", false);
        assertThat(u.https()).isTrue();
        assertThat(u.host()).isEqualTo("hooks.example.com");
        assertThat(u.port()).isEqualTo(8443);
        assertThat(u.requestTarget()).isEqualTo("/in/bound?x=1&y=%20");
        assertThat(WebhookUrl.parse("https://example.com", false).requestTarget()).isEqualTo("/");
        assertThat(WebhookUrl.parse("https://example.com", false).port()).isEqualTo(443);
        assertThat(WebhookUrl.parse("https://bücher.example/x", false).host()).isEqualTo("xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "example.com/hook", "ftp://example.com/", "http://example.com/hook",
            "https://user:pw@example.com/", "https://example.com/#frag", "https:///nohost", "https://exa mple.com/",
            "javascript:alert(1)", "file:///etc/passwd", "http://127.0.0.1:9/", "https://xn--a.xn--/", "mailto:a@b.c" })
    void refusesWhatIsNotAnHttpsUrl(String raw) {
        assertThatThrownBy(() -> WebhookUrl.parse(raw, false)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void plainHttpOnlyToLoopbackAndOnlyWhereAllowed() {
        assertThat(WebhookUrl.parse("http://127.0.0.1:9001/hook", true).https()).isFalse();
        assertThat(WebhookUrl.parse("http://localhost:9001/hook", true).port()).isEqualTo(9001);
        assertThatThrownBy(() -> WebhookUrl.parse("http://example.com/hook", true)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> WebhookUrl.parse("https://a.example/" + "x".repeat(2048), false)).isInstanceOf(InvalidInput.class);
    }
}
