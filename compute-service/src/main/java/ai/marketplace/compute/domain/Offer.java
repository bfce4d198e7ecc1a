package ai.marketplace.compute.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.InvalidInput;
import ai.marketplace.platform.domain.VersionedEntity;
import ai.marketplace.platform.money.Amount;

/** A GPU owner's offer of capacity. */
@Entity
@Table(name = "offer")
public class Offer extends VersionedEntity {

    @Id
    private UUID id;

    private String providerId;

    private String region;

    private String gpuModel;

    private int vramGb;

    private int gpuCount;

    private int cpuCores;

    private int ramGb;

    private Amount pricePerGpuHour;

    private int minHours;

    private int maxHours;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_tenants", nullable = false)
    private String[] allowedTenants;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "denied_tenants", nullable = false)
    private String[] deniedTenants;

    @Enumerated(EnumType.STRING)
    private OfferState state;

    @Column(insertable = false, updatable = false)
    private int allocatedGpus;

    // Heartbeats are written by a plain UPDATE (OfferRepository.heartbeat) so they never bump the ETag version.
    @Column(updatable = false)
    private OffsetDateTime lastHeartbeatAt;

    @Column(insertable = false, updatable = false)
    private boolean healthy;

    @Column(insertable = false, updatable = false)
    private Integer reportedFreeGpus;

    // Maintained by a trigger from the price and the provider's reputation score (V4 migration).
    @Column(name = "rank_price", insertable = false, updatable = false)
    private java.math.BigDecimal rankPrice;




    protected Offer() {
    }

    public static Offer publish(String providerId, OfferSpec spec) {
        var o = new Offer();
        o.id = UUID.randomUUID();
        o.providerId = providerId;
        o.apply(spec);
        o.state = OfferState.ONLINE;
        o.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        o.updatedAt = o.createdAt;
        o.lastHeartbeatAt = o.createdAt;
        o.healthy = true;
        return o;
    }

    /** Capacity already promised to leases cannot be taken away by shrinking the offer. */
    public void revise(OfferSpec spec) {
        ensureNotWithdrawn();
        if (spec.gpuCount() < allocatedGpus) {
            throw new Conflict("capacity-in-use", spec.gpuCount() + " GPUs is fewer than the "
                    + allocatedGpus + " allocated to leases");
        }
        apply(spec);
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private void apply(OfferSpec s) {
        if (s.maxHours() < s.minHours()) {
            throw new InvalidInput("body.maxHours", "must not be less than minHours");
        }
        List<String> overlap = s.allowedTenants() == null || s.deniedTenants() == null ? List.of()
                : s.allowedTenants().stream().filter(s.deniedTenants()::contains).toList();
        if (!overlap.isEmpty()) {
            throw new InvalidInput("body.deniedTenants", "tenants both allowed and denied: " + overlap);
        }
        region = s.region();
        gpuModel = s.gpuModel();
        vramGb = s.vramGb();
        gpuCount = s.gpuCount();
        cpuCores = s.cpuCores();
        ramGb = s.ramGb();
        pricePerGpuHour = s.pricePerGpuHour();
        minHours = s.minHours();
        maxHours = s.maxHours();
        allowedTenants = s.allowedTenants() == null ? new String[0] : s.allowedTenants().stream().distinct().toArray(String[]::new);
        deniedTenants = s.deniedTenants() == null ? new String[0] : s.deniedTenants().stream().distinct().toArray(String[]::new);
    }

    public void changeState(OfferState target) {
        ensureNotWithdrawn();
        if (target == OfferState.WITHDRAWN) {
            throw new InvalidInput("body.state", "withdraw with DELETE");
        }
        state = target;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void withdraw() {
        ensureNotWithdrawn();
        if (allocatedGpus > 0) {
            throw new Conflict("capacity-in-use", allocatedGpus + " GPUs are still leased; drain the offer first");
        }
        state = OfferState.WITHDRAWN;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private void ensureNotWithdrawn() {
        if (state == OfferState.WITHDRAWN) {
            throw new Conflict("offer-withdrawn", "The offer was withdrawn");
        }
    }

    /** An explicit allow-list admits only its tenants; the deny-list always excludes. */
    public boolean admits(String tenant) {
        if (List.of(deniedTenants).contains(tenant)) {
            return false;
        }
        return allowedTenants.length == 0 || List.of(allowedTenants).contains(tenant);
    }

    public boolean isOwnedBy(String subject) {
        return providerId.equals(subject);
    }

    public UUID id() { return id; }
    public String providerId() { return providerId; }
    public String region() { return region; }
    public String gpuModel() { return gpuModel; }
    public int vramGb() { return vramGb; }
    public int gpuCount() { return gpuCount; }
    public int cpuCores() { return cpuCores; }
    public int ramGb() { return ramGb; }
    public Amount pricePerGpuHour() { return pricePerGpuHour; }
    public int minHours() { return minHours; }
    public int maxHours() { return maxHours; }
    public List<String> allowedTenants() { return List.of(allowedTenants); }
    public List<String> deniedTenants() { return List.of(deniedTenants); }
    public OfferState state() { return state; }
    public int allocatedGpus() { return allocatedGpus; }
    public int availableGpus() { return gpuCount - allocatedGpus; }
    public OffsetDateTime lastHeartbeatAt() { return lastHeartbeatAt; }
    public boolean healthy() { return healthy; }
    public Integer reportedFreeGpus() { return reportedFreeGpus; }
    public java.math.BigDecimal rankPrice() { return rankPrice; }

    /** Its node agent reported healthy recently enough to be trusted with new leases. */
    public boolean isResponsive(OffsetDateTime staleBefore) {
        return healthy && !lastHeartbeatAt.isBefore(staleBefore);
    }
}
