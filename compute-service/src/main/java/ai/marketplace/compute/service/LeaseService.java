package ai.marketplace.compute.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.compute.config.ComputeConfig;
import ai.marketplace.compute.domain.Lease;
import ai.marketplace.compute.domain.LeaseTerms;
import ai.marketplace.compute.domain.Offer;
import ai.marketplace.compute.domain.OfferState;
import ai.marketplace.compute.events.LeaseEvents;
import ai.marketplace.compute.events.LeaseEvents.LeaseRequested;
import ai.marketplace.compute.repository.LeaseRepository;
import ai.marketplace.compute.repository.OfferRepository;
import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Lease requests. Capacity is reserved ({@link OfferRepository#reserve}) in the same transaction as the lease
 * and its event, so concurrent requests from any number of replicas never take more GPUs than an offer has.
 */
@ApplicationScoped
public class LeaseService {

    @Inject OfferRepository offers;
    @Inject LeaseRepository leases;
    @Inject Outbox outbox;
    @Inject Idempotency idempotency;
    @Inject ComputeConfig config;

    @WithTransaction
    /** The answer a repeated Idempotency-Key replays is stored as {@code present} shows the lease. */
    public <V> Uni<Idempotency.Outcome<V>> request(String renter, String key, LeaseTerms r, Class<V> answer,
            Function<Lease, V> present) {
        if ((r.offerId() == null) == (r.requirements() == null)) {
            throw ProblemException.invalid("body.offerId", "give either offerId or requirements, not both or neither");
        }
        LeaseTerms.Requirements q = r.requirements();
        Matching.Requirements req = q == null ? new Matching.Requirements(null, null, null, null)
                : new Matching.Requirements(q.gpuModel(), q.minVramGb(), q.region(), q.maxPricePerGpuHour());
        return idempotency.once(Tx.session(), renter, key, r, answer, () -> onlineOffers(r)
                .chain(online -> {
                    OffsetDateTime staleBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(config.heartbeatTimeout());
                    Matching.Result m = Matching.match(online, req, renter, r.gpus(), r.hours(), staleBefore);
                    if (m.candidates().isEmpty()) {
                        throw noMatch(Matching.explain(m), m);
                    }
                    return reserveFirst(m.candidates(), 0, r.gpus());
                })
                .chain(offer -> {
                    Lease lease = Lease.request(renter, offer, r.gpus(), r.hours(), r.requirements() != null);
                    return leases.persist(lease)
                            .call(l -> outbox.append(Tx.session(), LeaseEvents.AGGREGATE, l.id().toString(), LeaseRequested.NAME,
                                    LeaseRequested.of(l)))
                            .map(present);
                }));
    }

    private Uni<List<Offer>> onlineOffers(LeaseTerms r) {
        if (r.offerId() == null) {
            return offers.candidates(r.requirements() == null ? null : r.requirements().gpuModel(), config.matchingCandidates());
        }
        return offers.findById(r.offerId()).map(o -> {
            if (o == null || o.state() == OfferState.WITHDRAWN) {
                throw ProblemException.invalid("body.offerId", "offer " + r.offerId() + " does not exist");
            }
            if (o.state() != OfferState.ONLINE) {
                throw ProblemException.conflict("offer-not-online", "The offer is " + o.state() + " and takes no new leases");
            }
            return List.of(o);
        });
    }

    /** Cheapest first; a candidate filled by a concurrent request is skipped for the next. */
    private Uni<Offer> reserveFirst(List<Offer> candidates, int i, int gpus) {
        if (i >= candidates.size()) {
            return Uni.createFrom().failure(noMatch("Every matching offer was filled by other requests meanwhile",
                    new Matching.Result(List.of(), Map.of("capacity", candidates.size()), candidates.size())));
        }
        Offer o = candidates.get(i);
        return offers.reserve(o.id(), gpus)
                .chain(taken -> taken ? Uni.createFrom().item(o) : reserveFirst(candidates, i + 1, gpus));
    }

    private static ProblemException noMatch(String detail, Matching.Result m) {
        return new ProblemException(409, "no-capacity", "No offer can serve this request", detail)
                .with(Map.of("offersConsidered", m.considered(), "excludedBy", m.excluded()));
    }
}
