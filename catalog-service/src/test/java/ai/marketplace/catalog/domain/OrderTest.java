package ai.marketplace.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.Forbidden;
import ai.marketplace.platform.domain.DomainException.InvalidInput;
import ai.marketplace.platform.money.Amount;

/** An order: PENDING_PAYMENT → FULFILLED (with a licence) | CANCELLED; late or repeated answers change nothing. */
class OrderTest {

    static Asset asset(boolean publish) {
        Asset a = Asset.draft("seller", AssetKind.MODEL,
                new AssetDetails("m", null, null, null, null, "MIT", null, List.of(), List.of()));
        if (publish) {
            a.publish();
        }
        return a;
    }

    static PricingPlan oneTime(Asset a) {
        return PricingPlan.offer(a.id(), PlanType.ONE_TIME, Amount.of(500), null, null, null);
    }

    @Test
    void onlyPublishedAssetsWithAnActivePlanOfTheirOwnAreForSale() {
        Asset draft = asset(false);
        assertThatThrownBy(() -> Order.place("buyer", draft, oneTime(draft), 1)).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("asset-not-for-sale"));

        Asset a = asset(true);
        PricingPlan archived = oneTime(a);
        archived.archive();
        assertThatThrownBy(() -> Order.place("buyer", a, archived, 1)).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("plan-not-active"));
        Asset other = asset(true);
        assertThatThrownBy(() -> Order.place("buyer", a, oneTime(other), 1)).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("plan-not-active"));
    }

    @Test
    void nobodyBuysTheirOwnAssetAndOnlyMeteredPlansTakeUnits() {
        Asset a = asset(true);
        assertThatThrownBy(() -> Order.place("seller", a, oneTime(a), 1)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> Order.place("buyer", a, oneTime(a), 3)).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("body.units"));
        PricingPlan metered = PricingPlan.offer(a.id(), PlanType.PAY_PER_USE, Amount.of(7), "call", null, null);
        Order o = Order.place("buyer", a, metered, 3);
        assertThat(o.amount()).isEqualTo(Amount.of(21));
        // A price times units beyond 2^256 - 1 is refused as unprocessable (422), not a crash.
        PricingPlan dear = PricingPlan.offer(a.id(), PlanType.PAY_PER_USE, new Amount(Amount.MAX), "call", null, null);
        assertThatThrownBy(() -> Order.place("buyer", a, dear, 2))
                .isInstanceOf(ai.marketplace.platform.domain.DomainException.Unprocessable.class);
    }

    @Test
    void onlyAnOrderWaitingForPaymentIsCancelledByItsBuyerOrExpires() {
        Asset a = asset(true);
        Order byBuyer = Order.place("buyer", a, oneTime(a), 1);
        assertThat(byBuyer.isBoughtBy("buyer")).isTrue();
        assertThat(byBuyer.isBoughtBy("seller")).isFalse();
        assertThat(byBuyer.cancelledByBuyer()).isTrue();
        assertThat(byBuyer.state()).isEqualTo(OrderState.CANCELLED);
        assertThat(byBuyer.cancelReason()).isEqualTo("BUYER");
        assertThat(byBuyer.expired()).as("already cancelled").isFalse();
        assertThat(byBuyer.cancelReason()).isEqualTo("BUYER");

        Order stalled = Order.place("buyer", a, oneTime(a), 1);
        assertThat(stalled.expired()).isTrue();
        assertThat(stalled.cancelReason()).isEqualTo("EXPIRED");

        Order paid = Order.place("buyer", a, oneTime(a), 1);
        paid.paymentHeld(paid.amount());
        assertThat(paid.cancelledByBuyer()).isFalse();
        assertThat(paid.expired()).isFalse();
        assertThat(paid.state()).isEqualTo(OrderState.FULFILLED);
    }

    @Test
    void aHeldPaymentFulfilsTheOrderOnceWithALicenceForTheBuyer() {
        Asset a = asset(true);
        Order o = Order.place("buyer", a, oneTime(a), 1);
        assertThat(o.state()).isEqualTo(OrderState.PENDING_PAYMENT);
        assertThat(o.sellerId()).isEqualTo("seller");
        Licence l = o.paymentHeld(Amount.of(500));
        assertThat(o.state()).isEqualTo(OrderState.FULFILLED);
        assertThat(l.holderId()).isEqualTo("buyer");
        assertThat(l.orderId()).isEqualTo(o.id());
        assertThat(l.assetId()).isEqualTo(a.id());
        assertThat(o.paymentHeld(Amount.of(500))).as("a repeated hold grants nothing").isNull();
        assertThat(o.paymentFailed("LATE")).as("a late failure cancels nothing").isFalse();
        assertThat(o.state()).isEqualTo(OrderState.FULFILLED);
    }

    @Test
    void aHoldOfAnotherAmountIsRefusedAndChangesNothing() {
        Asset a = asset(true);
        Order o = Order.place("buyer", a, oneTime(a), 1);
        assertThatThrownBy(() -> o.paymentHeld(Amount.of(499))).isInstanceOf(IllegalStateException.class);
        assertThat(o.state()).isEqualTo(OrderState.PENDING_PAYMENT);
    }

    @Test
    void aFailedPaymentCancelsWithItsReasonOnce() {
        Asset a = asset(true);
        Order o = Order.place("buyer", a, oneTime(a), 1);
        assertThat(o.paymentFailed("INSUFFICIENT_FUNDS")).isTrue();
        assertThat(o.state()).isEqualTo(OrderState.CANCELLED);
        assertThat(o.cancelReason()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(o.paymentFailed("AGAIN")).isFalse();
        assertThat(o.cancelReason()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(o.paymentHeld(Amount.of(500))).as("a late hold after cancelling grants nothing").isNull();
        assertThat(o.state()).isEqualTo(OrderState.CANCELLED);
    }

    @Test
    void aPlanIsArchivedOnce() {
        Asset a = asset(true);
        PricingPlan p = oneTime(a);
        assertThat(p.isActive()).isTrue();
        p.archive();
        assertThat(p.isActive()).isFalse();
        assertThatThrownBy(p::archive).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("plan-archived"));
    }
}
