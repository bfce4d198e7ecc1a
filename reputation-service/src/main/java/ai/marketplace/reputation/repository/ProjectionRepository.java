package ai.marketplace.reputation.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.domain.AssetProjection;
import ai.marketplace.reputation.domain.ProviderProfile;
import io.smallrye.mutiny.Uni;

/** Reputation's copies of other services' facts: assets, versions, licences and leases, each learned from an event. */
@ApplicationScoped
public class ProjectionRepository {

    /** A licence, the basis of an asset review. */
    public record Licence(UUID order, String holder, String seller, UUID asset, boolean revoked) {
    }

    /** A lease, the basis of a provider review. */
    /** {@code used}: what the provider was paid for, null until the lease ended. */
    public record Lease(UUID lease, String renter, String provider, String state, java.math.BigDecimal used) {
        public boolean ranForSomething() {
            return used != null && used.signum() > 0;
        }
    }

    /** An asset version, the subject of attestations. */
    public record Version(UUID version, UUID asset, String owner, String digest) {
    }

    /** Fails on a second copy of the same asset (primary key): the event then goes to the dead-letter topic. */
    public Uni<Void> assetCreated(Tx tx, AssetProjection a) {
        return Sql.update(tx, """
                insert into asset_projection (asset_id, owner_id, kind, name, created_at, updated_at)
                values ($1, $2, $3, $4, $5, now())""", a.assetId(), a.ownerId(), a.kind(), a.name(), a.createdAt())
                .replaceWithVoid();
    }

    public Uni<AssetProjection> asset(Tx tx, UUID id) {
        return Sql.first(tx, "select asset_id, owner_id, kind, name, created_at from asset_projection where asset_id = $1",
                r -> new AssetProjection(r.getUUID("asset_id"), r.getString("owner_id"), r.getString("kind"),
                        r.getString("name"), r.getOffsetDateTime("created_at")), id);
    }

    public Uni<String> assetOwner(Tx tx, UUID asset) {
        return Sql.first(tx, "select owner_id from asset_projection where asset_id = $1", r -> r.getString("owner_id"), asset);
    }

    /** The provider's first asset makes it known; each further one counts. */
    public Uni<Void> assetListed(Tx tx, String provider) {
        return Sql.update(tx, """
                insert into provider_profile (provider_id, asset_count, first_seen_at, updated_at) values ($1, 1, now(), now())
                on conflict (provider_id) do update set asset_count = provider_profile.asset_count + 1, updated_at = now()""",
                provider).replaceWithVoid();
    }

    public Uni<ProviderProfile> provider(Tx tx, String id) {
        return Sql.first(tx, "select provider_id, asset_count, first_seen_at from provider_profile where provider_id = $1",
                r -> new ProviderProfile(r.getString("provider_id"), r.getInteger("asset_count"),
                        r.getOffsetDateTime("first_seen_at")), id);
    }

    public Uni<Void> versionPublished(Tx tx, UUID version, UUID asset, String owner, String digest, OffsetDateTime at) {
        return Sql.update(tx, """
                insert into asset_version_projection (version_id, asset_id, owner_id, digest, published_at)
                values ($1, $2, $3, $4, $5) on conflict (version_id) do nothing""", version, asset, owner, digest, at)
                .replaceWithVoid();
    }

    /** The version, locked: attestations and the consensus of one version are serialized. */
    public Uni<Version> lockVersion(Tx tx, UUID version) {
        return Sql.first(tx, """
                select version_id, asset_id, owner_id, digest from asset_version_projection where version_id = $1 for update""",
                r -> new Version(r.getUUID("version_id"), r.getUUID("asset_id"), r.getString("owner_id"), r.getString("digest")),
                version);
    }

    public Uni<Void> licenceGranted(Tx tx, UUID order, UUID licence, String holder, String seller, UUID asset,
            BigDecimal amount, OffsetDateTime at) {
        return Sql.update(tx, """
                insert into licence_projection (order_id, licence_id, holder_id, seller_id, asset_id, amount, granted_at)
                values ($1, $2, $3, $4, $5, $6, $7) on conflict (order_id) do nothing""",
                order, licence, holder, seller, asset, amount, at).replaceWithVoid();
    }

    public Uni<Void> licenceRevoked(Tx tx, UUID order) {
        return Sql.update(tx, "update licence_projection set revoked = true where order_id = $1", order).replaceWithVoid();
    }

    public Uni<Licence> licence(Tx tx, UUID order) {
        return Sql.first(tx, "select order_id, holder_id, seller_id, asset_id, revoked from licence_projection where order_id = $1",
                r -> new Licence(r.getUUID("order_id"), r.getString("holder_id"), r.getString("seller_id"),
                        r.getUUID("asset_id"), r.getBoolean("revoked")), order);
    }

    public Uni<Void> leaseRequested(Tx tx, UUID lease, String renter, String provider) {
        return Sql.update(tx, """
                insert into lease_projection (lease_id, renter_id, provider_id, state) values ($1, $2, $3, 'REQUESTED')
                on conflict (lease_id) do nothing""", lease, renter, provider).replaceWithVoid();
    }

    /** @return whether the lease moved to this final state now (false when it already had one) */
    public Uni<Boolean> leaseEnded(Tx tx, UUID lease, String renter, String provider, String state, String reason,
            BigDecimal used) {
        return Sql.update(tx, """
                insert into lease_projection (lease_id, renter_id, provider_id, state, reason, used_amount, ended_at)
                values ($1, $2, $3, $4, $5, $6, now())
                on conflict (lease_id) do update set state = excluded.state, reason = excluded.reason,
                    used_amount = excluded.used_amount, ended_at = excluded.ended_at
                where lease_projection.state in ('REQUESTED', 'ACTIVE')""", lease, renter, provider, state, reason, used)
                .map(n -> n == 1);
    }

    public Uni<Lease> lease(Tx tx, UUID lease) {
        return Sql.first(tx, "select lease_id, renter_id, provider_id, state, used_amount from lease_projection where lease_id = $1",
                r -> new Lease(r.getUUID("lease_id"), r.getString("renter_id"), r.getString("provider_id"), r.getString("state"),
                        r.getBigDecimal("used_amount")),
                lease);
    }

    /** @return true the first time this fact is seen (the same fact under a new event id counts once) */
    public Uni<Boolean> firstTime(Tx tx, String fact) {
        return Sql.update(tx, "insert into counted_fact (fact) values ($1) on conflict (fact) do nothing", fact)
                .map(n -> n == 1);
    }
}
