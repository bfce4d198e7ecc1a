package ai.marketplace.settlement.domain;

import java.util.Objects;
import java.util.UUID;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.peers.CorrelationKind;

/**
 * One step of a saga's hold, as the ledger applies it: place (the payer's funds, for the payee a capture may pay),
 * capture ({@code amount} to the payee, {@code fee} of it to the platform, the rest back) or release. {@code party}
 * is the payer of a placement and the payee of a capture.
 */
public record HoldStep(Kind kind, CorrelationKind type, UUID correlationId, String party, String payee, Amount amount,
        Amount fee, byte[] payeeDepositRef) {

    public enum Kind {
        PLACE, CAPTURE, RELEASE
    }

    public HoldStep {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    public static HoldStep place(CorrelationKind type, UUID correlationId, String payerId, String payeeId, Amount amount) {
        return new HoldStep(Kind.PLACE, type, correlationId, Objects.requireNonNull(payerId, "payerId"), payeeId,
                Objects.requireNonNull(amount, "amount"), null, null);
    }

    /** A capture of {@code amount}, of which {@code fee} goes to the platform; a payee without an account gets one. */
    public static HoldStep capture(CorrelationKind type, UUID correlationId, String payeeId, Amount amount, Amount fee) {
        return new HoldStep(Kind.CAPTURE, type, correlationId, Objects.requireNonNull(payeeId, "payeeId"), null,
                Objects.requireNonNull(amount, "amount"), Objects.requireNonNull(fee, "fee"), Account.newDepositRef());
    }

    public static HoldStep release(CorrelationKind type, UUID correlationId) {
        return new HoldStep(Kind.RELEASE, type, correlationId, null, null, null, null, null);
    }
}
