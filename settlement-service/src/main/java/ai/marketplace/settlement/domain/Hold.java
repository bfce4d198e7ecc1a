package ai.marketplace.settlement.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import ai.marketplace.platform.domain.VersionedEntity;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.money.AmountConverter;
import ai.marketplace.platform.peers.CorrelationKind;

/**
 * Escrow for one order, lease or stake: HELD until it is CAPTURED (wholly or partly, the rest released) or RELEASED.
 * Read-only here: holds are placed, captured and released by the ledger functions ({@code Postings}).
 */
@Immutable
@Entity
@Table(name = "hold")
public class Hold extends VersionedEntity {

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    @Column(name = "correlation_type", nullable = false)
    private CorrelationKind correlationType;
    @Column(name = "correlation_id", nullable = false)
    private UUID correlationId;
    @Column(name = "payer_id", nullable = false)
    private String payerId;
    @Column(name = "payer_account", nullable = false)
    private UUID payerAccount;
    @Column(name = "hold_account", nullable = false)
    private UUID holdAccount;
    @Convert(converter = AmountConverter.class)
    @Column(nullable = false, precision = 78, scale = 0)
    private Amount amount;
    @Convert(converter = AmountConverter.class)
    @Column(nullable = false, precision = 78, scale = 0)
    private Amount captured;
    @Convert(converter = AmountConverter.class)
    @Column(nullable = false, precision = 78, scale = 0)
    private Amount fee;
    @Convert(converter = AmountConverter.class)
    @Column(nullable = false, precision = 78, scale = 0)
    private Amount released;
    @Column(name = "payee_id")
    private String payeeId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private HoldState state;

    protected Hold() {
    }

    public UUID id() { return id; }
    public CorrelationKind correlationType() { return correlationType; }
    public UUID correlationId() { return correlationId; }
    public String payerId() { return payerId; }
    public UUID payerAccount() { return payerAccount; }
    public UUID holdAccount() { return holdAccount; }
    public Amount amount() { return amount; }
    public Amount captured() { return captured; }
    public Amount fee() { return fee; }
    public Amount released() { return released; }
    public String payeeId() { return payeeId; }
    public HoldState state() { return state; }
}
