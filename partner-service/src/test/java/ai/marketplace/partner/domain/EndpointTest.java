package ai.marketplace.partner.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.Forbidden;
import ai.marketplace.platform.domain.DomainException.InvalidInput;

class EndpointTest {

    static final String CAPTURED = "ai.marketplace.settlement.PaymentCaptured.v1";
    static final String LISTED = "ai.marketplace.catalog.AssetPublished.v1";
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneOffset.UTC);
    final WebhookUrl url = WebhookUrl.parse("https://hooks.example.com/in", false);

    Endpoint endpoint() {
        return Endpoint.register("partner-1", url, "shop", List.of(CAPTURED, CAPTURED), Set.of(CAPTURED, LISTED), "whsec_a", NOW);
    }

    @Test
    void registersOnlyGrantedTypesOnce() {
        Endpoint e = endpoint();
        assertThat(e.eventTypes()).containsExactly(CAPTURED);
        assertThat(e.state()).isEqualTo(EndpointState.ACTIVE);
        assertThatThrownBy(() -> Endpoint.register("p", url, null, List.of(CAPTURED, LISTED), Set.of(CAPTURED), "s", NOW))
                .isInstanceOf(Forbidden.class).hasMessageContaining(LISTED);
        assertThatThrownBy(() -> Endpoint.register("p", url, null, List.of(), Set.of(CAPTURED), "s", NOW))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void aDisableByTheOperatorIsLiftedByAnOperatorOnly() {
        Endpoint e = endpoint();
        e.disable(DisabledBy.OPERATOR, "abuse", NOW);
        assertThatThrownBy(() -> e.activate(false, NOW)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> e.pause(NOW)).isInstanceOf(Conflict.class);
        e.activate(true, NOW);
        assertThat(e.state()).isEqualTo(EndpointState.ACTIVE);
        assertThat(e.disabledBy()).isNull();
    }

    @Test
    void aNewUrlStartsANewFailureStreakAndTheSameUrlDoesNot() {
        Endpoint e = new Endpoint(java.util.UUID.randomUUID(), "partner-1", url.value(), "shop", List.of(CAPTURED), EndpointState.ACTIVE,
                null, null, "whsec_a", null, null, 5, 3, NOW, NOW);
        e.revise(WebhookUrl.parse(url.value(), false), null, "renamed", Set.of(CAPTURED), NOW);
        assertThat(e.consecutiveFailures()).isEqualTo(5);
        e.revise(WebhookUrl.parse("https://hooks.example.com/fixed", false), null, null, Set.of(CAPTURED), NOW);
        assertThat(e.url()).isEqualTo("https://hooks.example.com/fixed");
        assertThat(e.consecutiveFailures()).isZero();
    }

    @Test
    void aDisableByFailuresIsLiftedByThePartner() {
        Endpoint e = endpoint();
        e.disable(DisabledBy.FAILURES, "6 failed attempts in a row", NOW);
        e.activate(false, NOW);
        assertThat(e.state()).isEqualTo(EndpointState.ACTIVE);
        assertThat(e.consecutiveFailures()).isZero();
    }

    @Test
    void bothSecretsSignDuringTheOverlapOnly() {
        Endpoint e = endpoint();
        e.rotateSecret("whsec_b", Duration.ofHours(1), NOW);
        assertThat(e.signingSecrets(NOW.plusMinutes(59))).containsExactly("whsec_b", "whsec_a");
        assertThat(e.signingSecrets(NOW.plusHours(1))).containsExactly("whsec_b");
        e.rotateSecret("whsec_c", Duration.ZERO, NOW);
        assertThat(e.signingSecrets(NOW)).containsExactly("whsec_c");
        assertThatThrownBy(() -> e.rotateSecret("whsec_d", Duration.ofDays(8), NOW)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> e.rotateSecret("whsec_d", Duration.ofSeconds(-1), NOW)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void publicTypesOnly() {
        assertThat(Endpoint.PUBLIC_TYPE.matcher(CAPTURED).matches()).isTrue();
        assertThat(Endpoint.PUBLIC_TYPE.matcher("ai.marketplace.settlement.private.DepositAddressAssigned.v1").matches()).isFalse();
        assertThat(Endpoint.PUBLIC_TYPE.matcher("ai.marketplace.partner.WebhookEndpointRegistered.v1").matches()).isFalse();
        assertThat(Endpoint.PUBLIC_TYPE.matcher("ai.marketplace.catalog.AssetPublished.v0").matches()).isFalse();
    }
}
