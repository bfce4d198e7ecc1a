package ai.marketplace.client.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.marketplace.client.ApiException;

class MarketplaceTest {

    static ApiException refusal(String body) {
        return new ApiException(409, "refused", HttpHeaders.of(Map.of(), (a, b) -> true), body);
    }

    @Test
    void aRefusalsProblemIsReadWithItsSlugAndExtensionMembers() {
        ApiException e = refusal("{\"type\":\"urn:ai-marketplace:problem:insufficient-funds\",\"title\":\"Conflict with the current state\","
                + "\"status\":409,\"detail\":\"available 10 < 20\",\"available\":\"10\"}");
        assertThat(Marketplace.problemSlug(e)).contains("insufficient-funds");
        assertThat(Marketplace.problem(e).orElseThrow().getStatus()).isEqualTo(409);
        assertThat(Marketplace.problem(e).orElseThrow().getAdditionalProperty("available")).isEqualTo("10");
    }

    @Test
    void aBodyThatIsNoProblemGivesNone() {
        assertThat(Marketplace.problem(refusal("<html>bad gateway</html>"))).isEmpty();
        assertThat(Marketplace.problem(refusal(""))).isEmpty();
        assertThat(Marketplace.problem(refusal("{\"message\":\"no type\"}"))).isEmpty();
        assertThat(Marketplace.problemSlug(refusal("{\"type\":\"about:blank\"}"))).isEmpty();
    }
}
