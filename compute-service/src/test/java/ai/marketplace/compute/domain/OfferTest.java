package ai.marketplace.compute.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.InvalidInput;
import ai.marketplace.platform.money.Amount;

/** An offer: ONLINE ⇄ DRAINING ⇄ OFFLINE, → WITHDRAWN only with nothing leased; capacity in use is never taken away. */
class OfferTest {

    static OfferSpec spec(int gpus, int minHours, int maxHours, List<String> allowed, List<String> denied) {
        return new OfferSpec("eu-west", "H100", 80, gpus, 32, 256, Amount.of(1_000), minHours, maxHours, allowed, denied);
    }

    static Offer online(int gpus) {
        return Offer.publish("provider", spec(gpus, 1, 24, null, null));
    }

    /** Capacity is reserved by the database's conditional update; a test sets what it would have left. */
    static void allocate(Offer offer, int gpus) throws ReflectiveOperationException {
        var field = Offer.class.getDeclaredField("allocatedGpus");
        field.setAccessible(true);
        field.setInt(offer, gpus);
    }

    @Test
    void aPublishedOfferIsOnlineHealthyAndFree() {
        Offer o = online(8);
        assertThat(o.state()).isEqualTo(OfferState.ONLINE);
        assertThat(o.availableGpus()).isEqualTo(8);
        assertThat(o.isResponsive(o.lastHeartbeatAt())).isTrue();
        assertThat(o.isResponsive(o.lastHeartbeatAt().plusSeconds(1))).isFalse();
        assertThat(o.isOwnedBy("provider")).isTrue();
        assertThat(o.isOwnedBy("renter")).isFalse();
    }

    @Test
    void itMovesBetweenOnlineDrainingAndOfflineButIsWithdrawnOnlyByWithdraw() {
        Offer o = online(8);
        o.changeState(OfferState.DRAINING);
        assertThat(o.state()).isEqualTo(OfferState.DRAINING);
        o.changeState(OfferState.OFFLINE);
        o.changeState(OfferState.ONLINE);
        assertThat(o.state()).isEqualTo(OfferState.ONLINE);
        assertThatThrownBy(() -> o.changeState(OfferState.WITHDRAWN)).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("body.state"));
        assertThat(o.state()).isEqualTo(OfferState.ONLINE);
    }

    @Test
    void aWithdrawnOfferIsFinal() {
        Offer o = online(8);
        o.withdraw();
        assertThat(o.state()).isEqualTo(OfferState.WITHDRAWN);
        for (Runnable change : List.<Runnable>of(o::withdraw, () -> o.changeState(OfferState.ONLINE),
                () -> o.revise(spec(8, 1, 24, null, null)))) {
            assertThatThrownBy(change::run).isInstanceOf(Conflict.class)
                    .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("offer-withdrawn"));
        }
    }

    @Test
    void leasedCapacityCannotBeWithdrawnNorShrunkAway() throws ReflectiveOperationException {
        Offer o = online(8);
        allocate(o, 6);
        assertThatThrownBy(o::withdraw).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("capacity-in-use"));
        assertThatThrownBy(() -> o.revise(spec(5, 1, 24, null, null))).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("capacity-in-use"));
        assertThat(o.gpuCount()).isEqualTo(8);
        o.revise(spec(6, 1, 24, null, null));
        assertThat(o.gpuCount()).isEqualTo(6);
        assertThat(o.availableGpus()).isZero();
        assertThat(o.state()).isEqualTo(OfferState.ONLINE);
    }

    @Test
    void termsAndTenantListsMustBeConsistent() {
        assertThatThrownBy(() -> Offer.publish("p", spec(1, 5, 4, null, null))).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("body.maxHours"));
        assertThatThrownBy(() -> Offer.publish("p", spec(1, 1, 4, List.of("a", "b"), List.of("b"))))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("body.deniedTenants"));
    }

    @Test
    void theDenyListAlwaysExcludesAndAnAllowListAdmitsOnlyItsTenants() {
        Offer open = Offer.publish("p", spec(1, 1, 4, null, List.of("mallory")));
        assertThat(open.admits("alice")).isTrue();
        assertThat(open.admits("mallory")).isFalse();
        Offer closed = Offer.publish("p", spec(1, 1, 4, List.of("alice", "alice"), null));
        assertThat(closed.allowedTenants()).containsExactly("alice");
        assertThat(closed.admits("alice")).isTrue();
        assertThat(closed.admits("bob")).isFalse();
    }
}
