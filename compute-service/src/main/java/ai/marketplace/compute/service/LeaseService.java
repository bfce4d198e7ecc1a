package ai.marketplace.compute.service;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.compute.domain.Lease;
import ai.marketplace.compute.domain.Offer;
import ai.marketplace.compute.domain.OfferState;
import ai.marketplace.compute.messaging.LeaseEvents;
import ai.marketplace.compute.messaging.LeaseEvents.LeaseRequested;
import ai.marketplace.compute.repository.LeaseRepository;
import ai.marketplace.compute.repository.OfferRepository;
import ai.marketplace.compute.rest.api.LeaseRequest;
import ai.marketplace.compute.rest.api.LeaseView;
import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Lease requests. Capacity is reserved by a conditional UPDATE of the offer's {@code allocated_gpus} in the
 * same transaction as the lease and its event: PostgreSQL re-checks the condition on the locked row, so
 * concurrent requests (from any number of replicas) can never take more GPUs than the offer has — and the
 * column's check constraint backs that up.
 */
@ApplicationScoped
public class LeaseService {

    private static final String RESERVE = "update offer set allocated_gpus = allocated_gpus + :gpus"
            + " where id = :id and state = 'ONLINE' and allocated_gpus + :gpus <= gpu_count";

    private final OfferRepository offers;
    private final LeaseRepository leases;
    private final Outbox outbox;
    private final Idempotency idempotency;

    public LeaseService(OfferRepository offers, LeaseRepository leases, Outbox outbox, Idempotency idempotency) {
        this.offers = offers;
        this.leases = leases;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<Idempotency.Outcome<LeaseView>> request(String renter, String key, LeaseRequest r) {
        if ((r.offerId() == null) == (r.requirements() == null)) {
            throw ProblemException.invalid("body.offerId", "give either offerId or requirements, not both or neither");
        }
        LeaseRequest.Requirements q = r.requirements();
        Matching.Requirements req = q == null ? new Matching.Requirements(null, null, null, null)
                : new Matching.Requirements(q.gpuModel(), q.minVramGb(), q.region(), q.maxPricePerGpuHour());
        return idempotency.once(renter, key, r, LeaseView.class, () -> onlineOffers(r)
                .chain(online -> {
                    Matching.Result m = Matching.match(online, req, renter, r.gpus(), r.hours());
                    if (m.candidates().isEmpty()) {
                        throw noMatch(Matching.explain(m), m);
                    }
                    return reserveFirst(m.candidates(), 0, r.gpus());
                })
                .chain(offer -> {
                    Lease lease = Lease.request(renter, offer, r.gpus(), r.hours(), r.requirements() != null);
                    return leases.persist(lease)
                            .call(l -> outbox.append(LeaseEvents.AGGREGATE, l.id().toString(), LeaseRequested.NAME,
                                    LeaseRequested.of(l)))
                            .map(LeaseView::of);
                }));
    }

    private Uni<List<Offer>> onlineOffers(LeaseRequest r) {
        if (r.offerId() == null) {
            return offers.list("state = ai.marketplace.compute.domain.OfferState.ONLINE");
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
        return Panache.getSession().chain(s -> s.createNativeQuery(RESERVE).setParameter("gpus", gpus)
                .setParameter("id", o.id()).executeUpdate())
                .chain(updated -> updated == 1 ? Uni.createFrom().item(o) : reserveFirst(candidates, i + 1, gpus));
    }

    private static ProblemException noMatch(String detail, Matching.Result m) {
        return new ProblemException(409, "no-capacity", "No offer can serve this request", detail)
                .with(Map.of("offersConsidered", m.considered(), "excludedBy", m.excluded()));
    }
}
