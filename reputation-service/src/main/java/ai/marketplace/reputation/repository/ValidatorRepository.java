package ai.marketplace.reputation.repository;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.domain.Validator;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Validators: their stake (from settlement's stake events, each counted once) and their agreement record. */
@ApplicationScoped
public class ValidatorRepository {

    public Uni<Void> stakeLocked(Tx tx, UUID stake, String validator, BigDecimal amount) {
        return Sql.update(tx, "insert into validator (validator_id) values ($1) on conflict (validator_id) do nothing", validator)
                .chain(() -> Sql.update(tx, """
                        insert into validator_stake (stake_id, validator_id, amount) values ($1, $2, $3)
                        on conflict (stake_id) do nothing""", stake, validator, amount))
                .chain(n -> n == 0 ? Uni.createFrom().voidItem()
                        : Sql.update(tx, "update validator set stake = stake + $2, updated_at = now() where validator_id = $1",
                                validator, amount).replaceWithVoid());
    }

    /** What is left of the stake (neither slashed nor released before) stops counting. */
    public Uni<Void> stakeReleased(Tx tx, UUID stake) {
        return Sql.first(tx, """
                update validator_stake set released = true where stake_id = $1 and not released
                returning validator_id, amount - slashed as remaining""", r -> r, stake)
                .chain(r -> r == null ? Uni.createFrom().voidItem()
                        : Sql.update(tx, "update validator set stake = stake - $2, updated_at = now() where validator_id = $1",
                                r.getString("validator_id"), r.getBigDecimal("remaining")).replaceWithVoid());
    }

    /** Settlement moved {@code amount} of the stake to insurance; it stops counting at once. */
    public Uni<Void> stakeSlashed(Tx tx, UUID stake, BigDecimal amount) {
        return Sql.first(tx, """
                update validator_stake set slashed = slashed + $2 where stake_id = $1 and not released
                returning validator_id""", r -> r.getString("validator_id"), stake, amount)
                .chain(v -> v == null ? Uni.createFrom().voidItem()
                        : Sql.update(tx, "update validator set stake = stake - $2, updated_at = now() where validator_id = $1",
                                v, amount).replaceWithVoid());
    }

    /** A stake and what of it is still held: what a slash can take from. */
    public record ActiveStake(UUID stakeId, BigDecimal remaining) {
    }

    public Uni<List<ActiveStake>> activeStakes(Tx tx, String validator) {
        return Sql.list(tx, """
                select stake_id, amount - slashed as remaining from validator_stake
                where validator_id = $1 and not released and amount > slashed order by stake_id""",
                r -> new ActiveStake(r.getUUID("stake_id"), r.getBigDecimal("remaining")), validator);
    }

    /** Σ stake × weight over validators holding at least {@code minimum}: the base a round's quorum is a share of. */
    public Uni<BigDecimal> activeEffectiveStake(Tx tx, BigDecimal minimum) {
        return Sql.first(tx, """
                select coalesce(sum(stake * (agreements + 1) / (agreements + disagreements + 2)), 0) as total
                from validator where stake >= $1 and stake > 0""", r -> r.getBigDecimal("total"), minimum);
    }

    public Uni<Validator> find(Tx tx, String id) {
        return Sql.first(tx, "select validator_id, stake, agreements, disagreements from validator where validator_id = $1",
                ValidatorRepository::validator, id);
    }

    /** The largest stakes first. */
    public Uni<List<Validator>> top(Tx tx, int limit) {
        return Sql.list(tx, """
                select validator_id, stake, agreements, disagreements from validator
                order by stake desc, validator_id limit $1""", ValidatorRepository::validator, limit);
    }

    /** One more round in which each of {@code validators} agreed (or disagreed) with consensus. */
    public Uni<Void> agreement(Tx tx, List<String> validators, boolean agreed) {
        if (validators.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String column = agreed ? "agreements" : "disagreements";
        return Sql.update(tx, "update validator set " + column + " = " + column
                + " + 1, updated_at = now() where validator_id = any($1)", (Object) validators.toArray(String[]::new))
                .replaceWithVoid();
    }

    private static Validator validator(Row r) {
        return new Validator(r.getString("validator_id"), r.getBigDecimal("stake"), r.getInteger("agreements"),
                r.getInteger("disagreements"));
    }
}
