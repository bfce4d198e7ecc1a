package ai.marketplace.compute.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import ai.marketplace.compute.config.ComputeConfig;
import ai.marketplace.compute.domain.Offer;
import ai.marketplace.compute.domain.OfferState;
import ai.marketplace.compute.events.OfferEvents;
import ai.marketplace.compute.events.OfferEvents.OfferSnapshot;
import ai.marketplace.compute.repository.OfferRepository;
import ai.marketplace.compute.repository.ProviderScoreRepository;
import ai.marketplace.compute.rest.api.OfferApi.HeartbeatView;
import ai.marketplace.compute.rest.api.OfferApi.OfferRequest;
import ai.marketplace.compute.rest.api.OfferApi.OfferView;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.paging.Cursor;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Offers: every change commits with its event; only the owner changes an offer. */
@ApplicationScoped
public class OfferService {

    private final OfferRepository offers;
    private final ProviderScoreRepository scores;
    private final Outbox outbox;
    private final ComputeConfig config;

    public OfferService(OfferRepository offers, ProviderScoreRepository scores, Outbox outbox, ComputeConfig config) {
        this.offers = offers;
        this.scores = scores;
        this.outbox = outbox;
        this.config = config;
    }

    @WithTransaction
    public Uni<OfferView> publish(String provider, OfferRequest r) {
        Offer offer = Offer.publish(provider, r.toSpec());
        return offers.persist(offer).chain(offers::flushAndRefresh)
                .call(o -> outbox.append(Tx.session(), OfferEvents.AGGREGATE, o.id().toString(), OfferEvents.PUBLISHED, OfferSnapshot.of(o)))
                .map(o -> OfferView.of(o, provider));
    }

    @WithSession
    public Uni<OfferView> get(UUID id, String viewer) {
        return offers.findById(id).map(o -> {
            if (o == null || (o.state() == OfferState.WITHDRAWN && !o.isOwnedBy(viewer))) {
                throw ProblemException.notFound("Offer", id);
            }
            return OfferView.of(o, viewer);
        });
    }

    @WithTransaction
    public Uni<OfferView> revise(UUID id, String caller, long expectedVersion, OfferRequest r) {
        return owned(id, caller).invoke(o -> {
            if (o.version() != expectedVersion) {
                throw ProblemException.staleVersion("offer", expectedVersion, o.version());
            }
            o.revise(r.toSpec());
        }).chain(offers::flushAndRefresh).call(this::updated).map(o -> OfferView.of(o, caller));
    }

    @WithTransaction
    public Uni<OfferView> changeState(UUID id, String caller, OfferState state) {
        return owned(id, caller).invoke(o -> o.changeState(state)).call(o -> offers.flush()).call(this::updated)
                .map(o -> OfferView.of(o, caller));
    }

    @WithTransaction
    public Uni<OfferView> withdraw(UUID id, String caller) {
        return owned(id, caller).invoke(Offer::withdraw).call(o -> offers.flush())
                .call(o -> outbox.append(Tx.session(), OfferEvents.AGGREGATE, o.id().toString(), OfferEvents.WITHDRAWN, OfferSnapshot.of(o)))
                .map(o -> OfferView.of(o, caller));
    }

    /**
     * The node agent's heartbeat. 404 for a missing or withdrawn offer, 403 for another provider's.
     *
     * @return when the offer stops matching unless another heartbeat arrives
     */
    @WithTransaction
    public Uni<HeartbeatView> heartbeat(UUID id, String caller, boolean healthy, Integer freeGpus) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return offers.heartbeat(id, caller, healthy, freeGpus, now).chain(recorded -> recorded
                ? Uni.createFrom().item(new HeartbeatView(id, now, healthy, now.plus(config.heartbeatTimeout())))
                : owned(id, caller).map(o -> {
                    throw ProblemException.conflict("offer-withdrawn", "The offer was withdrawn");
                }));
    }

    /** Reputation re-scored a provider: its offers move in the ranking (an older score never wins). */
    @WithTransaction
    public Uni<Void> providerScored(String providerId, BigDecimal score, OffsetDateTime at) {
        return scores.record(providerId, score, at)
                .chain(changed -> changed ? offers.rerank(providerId).replaceWithVoid() : Uni.createFrom().voidItem());
    }

    /** The public market: offers that can take a lease now, lowest ranking price first. */
    @WithSession
    public Uni<Page<OfferView>> market(OfferRepository.Filter filter, PageRequest page, UriInfo uri, String viewer) {
        BigDecimal afterRank = null;
        UUID afterId = null;
        if (page.cursor() != null) {
            try {
                afterRank = new BigDecimal(page.cursor().get("r"));
                afterId = UUID.fromString(page.cursor().get("id"));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor of this list");
            }
        }
        OffsetDateTime staleBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(config.heartbeatTimeout());
        return offers.market(filter, staleBefore, afterRank, afterId, page.fetchSize()).map(rows -> Page.of(rows, page, o -> {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("r", o.rankPrice().toPlainString());
            k.put("id", o.id().toString());
            return Cursor.of(k);
        }, o -> OfferView.of(o, viewer), uri));
    }

    @WithSession
    public Uni<Page<OfferView>> mine(String provider, PageRequest page, UriInfo uri) {
        return offers.pageByProvider(provider, TimeIdKey.after(page), page.fetchSize())
                .map(rows -> Page.of(rows, page, o -> TimeIdKey.cursor(o.createdAt(), o.id()), o -> OfferView.of(o, provider), uri));
    }

    private Uni<Void> updated(Offer o) {
        return outbox.append(Tx.session(), OfferEvents.AGGREGATE, o.id().toString(), OfferEvents.UPDATED, OfferSnapshot.of(o)).replaceWithVoid();
    }

    /** Another provider's offer is visible but not theirs: 403; a missing or withdrawn one: 404. */
    private Uni<Offer> owned(UUID id, String caller) {
        return offers.findById(id).map(o -> {
            if (o == null || (o.state() == OfferState.WITHDRAWN && !o.isOwnedBy(caller))) {
                throw ProblemException.notFound("Offer", id);
            }
            if (!o.isOwnedBy(caller)) {
                throw ProblemException.forbidden("Only the offer's provider may change it");
            }
            return o;
        });
    }
}
