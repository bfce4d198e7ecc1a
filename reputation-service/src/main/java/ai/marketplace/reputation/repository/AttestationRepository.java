package ai.marketplace.reputation.repository;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.domain.Attestation;
import ai.marketplace.reputation.domain.AttestationRound;
import ai.marketplace.reputation.domain.RoundOutcome;
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

    /** The version's round, opened now if this is its first attestation. */
    public Uni<AttestationRound> openRound(Tx tx, UUID version, UUID asset, Duration window, Duration expiry) {
        return Sql.update(tx, """
                insert into attestation_round (version_id, asset_id, opened_at, decide_after, expires_at, next_check)
                values ($1, $2, now(), now() + make_interval(secs => $3), now() + make_interval(secs => $4),
                        now() + make_interval(secs => $3))
                on conflict (version_id) do nothing""", version, asset, (double) window.toSeconds(),
                (double) Math.max(expiry.toSeconds(), window.toSeconds()))
                .chain(() -> round(tx, version));
    }

    public Uni<AttestationRound> round(Tx tx, UUID version) {
        return Sql.first(tx, """
                select version_id, asset_id, decide_after, expires_at, outcome from attestation_round where version_id = $1""",
                r -> new AttestationRound(r.getUUID("version_id"), r.getUUID("asset_id"), r.getOffsetDateTime("decide_after"),
                        r.getOffsetDateTime("expires_at"), r.getString("outcome") == null ? null
                                : RoundOutcome.valueOf(r.getString("outcome"))), version);
    }

    public Uni<Void> closeRound(Tx tx, UUID version, RoundOutcome outcome) {
        return Sql.update(tx, "update attestation_round set outcome = $2, closed_at = now() where version_id = $1 and outcome is null",
                version, outcome.name()).replaceWithVoid();
    }

    /** Open rounds the timer should look at now, oldest first. */
    public Uni<List<UUID>> dueRounds(Tx tx, int limit) {
        return Sql.list(tx, """
                select version_id from attestation_round where outcome is null and next_check <= now()
                order by next_check limit $1""", r -> r.getUUID("version_id"), limit);
    }

    /** Looked at and left open: the timer comes back at its expiry (new attestations decide it before that). */
    public Uni<Void> recheckAtExpiry(Tx tx, UUID version) {
        return Sql.update(tx, "update attestation_round set next_check = expires_at where version_id = $1 and outcome is null",
                version).replaceWithVoid();
    }

    /** A claim of the round with the validator's stake and record as they are now, not as they were when it attested. */
    public record CurrentClaim(String validator, boolean digestMatches, BigDecimal metric, BigDecimal stake, int agreements,
            int disagreements) {
    }

    public Uni<List<CurrentClaim>> currentClaims(Tx tx, UUID version) {
        return Sql.list(tx, """
                select a.validator_id, a.digest_matches, a.metric_value, v.stake, v.agreements, v.disagreements
                from attestation a join validator v on v.validator_id = a.validator_id
                where a.version_id = $1 order by a.created_at, a.id""",
                r -> new CurrentClaim(r.getString("validator_id"), r.getBoolean("digest_matches"), r.getBigDecimal("metric_value"),
                        r.getBigDecimal("stake"), r.getInteger("agreements"), r.getInteger("disagreements")), version);
    }

    /** Whether the asset's most recently decided version was verified. */
    public Uni<Boolean> verified(Tx tx, UUID asset) {
        return Sql.first(tx, "select outcome from version_consensus where asset_id = $1 order by decided_at desc limit 1",
                r -> r.getString("outcome"), asset).map("VERIFIED"::equals);
    }
}
