package ai.marketplace.reputation.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ai.marketplace.platform.scheduling.TimerPass;
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

    @Inject AttestationService attestations;

    @Scheduled(identity = "attestation-rounds", every = "${marketplace.reputation.consensus.round-check-interval}",
            delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return TimerPass.guarded(LOG, "Attestation round pass",
                attestations.settleDueRounds(OffsetDateTime.now(ZoneOffset.UTC), BATCH));
    }
}
