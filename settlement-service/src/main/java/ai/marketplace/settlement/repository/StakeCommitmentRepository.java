package ai.marketplace.settlement.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

/** Which validators' stakes weigh in an attestation round that has not closed (reputation's events). */
@ApplicationScoped
public class StakeCommitmentRepository {

    /** Nothing is recorded for a round already closed: its AttestationSubmitted was read after its close. */
    public Uni<Void> commit(Tx tx, String validator, UUID version) {
        return Sql.update(tx, """
                insert into stake_commitment (validator_id, version_id)
                select $1, $2 where not exists (select 1 from attestation_round_closed where version_id = $2)
                on conflict do nothing""", validator, version).replaceWithVoid();
    }

    public Uni<Void> roundClosed(Tx tx, UUID version) {
        return Sql.update(tx, "insert into attestation_round_closed (version_id) values ($1) on conflict do nothing", version)
                .chain(() -> Sql.update(tx, "delete from stake_commitment where version_id = $1", version))
                .replaceWithVoid();
    }

    /** How many open rounds the validator's stake weighs in. */
    public Uni<Long> openRounds(Tx tx, String validator) {
        return Sql.first(tx, "select count(*) as n from stake_commitment where validator_id = $1", r -> r.getLong("n"), validator);
    }
}
