package ai.marketplace.compute.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.marketplace.compute.domain.Offer;
import ai.marketplace.compute.domain.OfferSpec;
import ai.marketplace.platform.money.Amount;

/** Matching as a rule: which offers can serve whom, and the reason for each that cannot. */
class MatchingTest {

    static Offer offer(String provider) {
        return Offer.publish(provider, new OfferSpec("eu", "H100", 80, 8, 32, 256, Amount.of(3_600), 1, 24, null, null));
    }

    @Test
    void nobodyRentsTheirOwnOfferAndTheRefusalSaysSo() {
        OffsetDateTime longAgo = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        Matching.Requirements any = new Matching.Requirements(null, null, null, null);
        Matching.Result mine = Matching.match(List.of(offer("prov")), any, "prov", 1, 1, longAgo);
        assertThat(mine.candidates()).isEmpty();
        assertThat(mine.excluded()).containsEntry("own", 1);
        assertThat(Matching.explain(mine)).contains("1 offer is your own");
        assertThat(Matching.firstFailure(offer("prov"), any, "renter", 1, 1, longAgo)).isNotEqualTo("own");
    }
}
