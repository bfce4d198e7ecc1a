package ai.marketplace.reputation.repository;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.domain.Attestation;
import ai.marketplace.reputation.domain.Decision;
import io.smallrye.mutiny.Uni;

/** Validators' attestations of asset versions and the consensus each version reached (once, for good). */
@ApplicationScoped
public class AttestationRepository {

    /** @return false when the validator already attested to the version */
    public Uni<Boolean> insert(Tx tx, UUID id, String validator, UUID version, boolean digestMatches, String metricName,
            BigDecimal metric, BigDecimal stakeWeight) {
        return Sql.update(tx, """
                insert into attestation (id, validator_id, version_id, digest_matches, metric_name, metric_value, stake_weight,
                    created_at)
                values ($1, $2, $3, $4, $5, $6, $7, now()) on conflict (validator_id, version_id) do nothing""",
                id, validator, version, digestMatches, metricName, metric, stakeWeight).map(n -> n == 1);
    }

    public Uni<List<Attestation>> ofVersion(Tx tx, UUID version) {
        return Sql.list(tx, """
                select id, validator_id, digest_matches, metric_name, metric_value, stake_weight, created_at
                from attestation where version_id = $1 order by created_at, id""",
                r -> new Attestation(r.getUUID("id"), r.getString("validator_id"), r.getBoolean("digest_matches"),
                        r.getString("metric_name"), r.getBigDecimal("metric_value"), r.getBigDecimal("stake_weight"),
                        r.getOffsetDateTime("created_at")), version);
    }

    public Uni<Void> decide(Tx tx, UUID version, UUID asset, String outcome, BigDecimal metric, BigDecimal yes, BigDecimal no) {
        return Sql.update(tx, """
                insert into version_consensus (version_id, asset_id, outcome, consensus_metric, stake_for, stake_against, decided_at)
                values ($1, $2, $3, $4, $5, $6, now())""", version, asset, outcome, metric, yes, no).replaceWithVoid();
    }

    /** The consensus on the version, or null while there is none. */
    public Uni<Decision> decision(Tx tx, UUID version) {
        return Sql.first(tx, """
                select outcome, consensus_metric, stake_for, stake_against, decided_at from version_consensus
                where version_id = $1""", r -> new Decision(r.getString("outcome"), r.getBigDecimal("consensus_metric"),
                r.getBigDecimal("stake_for"), r.getBigDecimal("stake_against"), r.getOffsetDateTime("decided_at")), version);
    }

    /** Whether the asset's most recently decided version was verified. */
    public Uni<Boolean> verified(Tx tx, UUID asset) {
        return Sql.first(tx, "select outcome from version_consensus where asset_id = $1 order by decided_at desc limit 1",
                r -> r.getString("outcome"), asset).map("VERIFIED"::equals);
    }
}
