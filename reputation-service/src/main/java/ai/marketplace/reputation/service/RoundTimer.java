package ai.marketplace.reputation.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Decides rounds whose attestation window passed with no attestation since, and closes expired ones. Each round
 * is settled under its version's row lock, so replicas ticking at once decide it once.
 */
@ApplicationScoped
public class RoundTimer {

    private static final Logger LOG = Logger.getLogger(RoundTimer.class);
    private static final int BATCH = 100;

    private final AttestationService attestations;

    public RoundTimer(AttestationService attestations) {
        this.attestations = attestations;
    }

    @Scheduled(identity = "attestation-rounds", every = "${marketplace.reputation.consensus.round-check-interval}",
            delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return attestations.settleDueRounds(OffsetDateTime.now(ZoneOffset.UTC), BATCH)
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Attestation round pass failed, the next tick retries: %s", e.toString());
                    return null;
                });
    }
}
