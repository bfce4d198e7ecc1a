package ai.marketplace.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.domain.DomainException;

/** Pure domain rules of orders and licences: amounts, validity periods, status over time. */
class LicenceTermsTest {

    static Asset published(String owner) {
        Asset a = Asset.draft(owner, AssetKind.MODEL, new AssetDetails("m", null, null, null, null, "MIT", null, List.of(), List.of()));
        a.publish();
        return a;
    }

    @Test
    void subscriptionsRunForTheirPeriodAndThenExpire() {
        Asset asset = published("seller");
        PricingPlan plan = PricingPlan.offer(asset.id(), PlanType.SUBSCRIPTION, Amount.of(30_000_000), null, 30, null);
        Order order = Order.place("buyer", asset, plan, 1);
        Licence l = order.paymentHeld(Amount.of(30_000_000));
        assertThat(l.validUntil()).isEqualTo(l.validFrom().plusDays(30));
        assertThat(l.statusAt(l.validFrom().plusDays(29))).isEqualTo(Licence.Status.VALID);
        assertThat(l.statusAt(l.validFrom().plusDays(30))).isEqualTo(Licence.Status.EXPIRED);
        l.revoke();
        assertThat(l.statusAt(l.validFrom())).isEqualTo(Licence.Status.REVOKED);
        assertThatThrownBy(l::revoke).isInstanceOf(DomainException.Conflict.class);
    }

    @Test
    void oneTimeLicencesNeverExpireAndMeteredOrdersPrepayUnits() {
        Asset asset = published("seller");
        Order once = Order.place("buyer", asset, PricingPlan.offer(asset.id(), PlanType.ONE_TIME, Amount.of(5), null, null, null), 1);
        Licence l = once.paymentHeld(Amount.of(5));
        assertThat(l.validUntil()).isNull();
        assertThat(l.statusAt(OffsetDateTime.now(ZoneOffset.UTC).plusYears(50))).isEqualTo(Licence.Status.VALID);
        assertThat(once.paymentHeld(Amount.of(5))).as("a second hold grants nothing").isNull();
        assertThat(once.paymentFailed("LATE")).isFalse();
        assertThat(once.state()).isEqualTo(OrderState.FULFILLED);

        Order metered = Order.place("buyer", asset,
                PricingPlan.offer(asset.id(), PlanType.PAY_PER_USE, Amount.of(250), "request", null, null), 4000);
        assertThat(metered.amount()).isEqualTo(Amount.of(1_000_000));
        assertThatThrownBy(() -> metered.paymentHeld(Amount.of(999_999))).isInstanceOf(IllegalStateException.class);
        assertThat(metered.state()).isEqualTo(OrderState.PENDING_PAYMENT);
    }
}
