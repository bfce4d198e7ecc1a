package ai.marketplace.compute.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.compute.config.ComputeConfig;
import ai.marketplace.compute.domain.MarketFilter;
import ai.marketplace.compute.domain.Offer;
import ai.marketplace.compute.domain.OfferSpec;
import ai.marketplace.compute.domain.OfferState;
import ai.marketplace.compute.events.OfferEvents;
import ai.marketplace.compute.events.OfferEvents.OfferSnapshot;
import ai.marketplace.compute.repository.OfferRepository;
import ai.marketplace.compute.repository.ProviderScoreRepository;
import ai.marketplace.platform.domain.DomainException.NotFound;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.paging.Cursor;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Offers: every change commits with its event; only the owner changes an offer. */
@ApplicationScoped
public class OfferService {

    @Inject OfferRepository offers;
    @Inject ProviderScoreRepository scores;
    @Inject Outbox outbox;
    @Inject ComputeConfig config;

    /** A heartbeat as recorded; the offer stops matching at {@code staleAfter} unless another one arrives. */
    public record Heartbeat(UUID offerId, OffsetDateTime receivedAt, boolean healthy, OffsetDateTime staleAfter) {
    }

    @WithTransaction
    public Uni<Offer> publish(String provider, OfferSpec spec) {
        Offer offer = Offer.publish(provider, spec);
        return offers.persist(offer).chain(offers::flushAndRefresh)
                .call(o -> outbox.append(Tx.session(), OfferEvents.AGGREGATE, o.id().toString(), OfferEvents.PUBLISHED, OfferSnapshot.of(o)));
    }

    @WithSession
    public Uni<Offer> get(UUID id, String viewer) {
        return offers.findById(id).map(o -> {
            if (o == null || (o.state() == OfferState.WITHDRAWN && !o.isOwnedBy(viewer))) {
                throw new NotFound("Offer", id);
            }
            return o;
        });
    }

    @WithTransaction
    public Uni<Offer> revise(UUID id, String caller, long expectedVersion, OfferSpec spec) {
        return owned(id, caller).invoke(o -> {
            if (o.version() != expectedVersion) {
                throw ProblemException.staleVersion("offer", expectedVersion, o.version());
            }
            o.revise(spec);
        }).chain(offers::flushAndRefresh).call(this::updated);
    }

    @WithTransaction
    public Uni<Offer> changeState(UUID id, String caller, OfferState state) {
        return owned(id, caller).invoke(o -> o.changeState(state)).call(o -> offers.flush()).call(this::updated);
    }

    @WithTransaction
    public Uni<Offer> withdraw(UUID id, String caller) {
        return owned(id, caller).invoke(Offer::withdraw).call(o -> offers.flush())
                .call(o -> outbox.append(Tx.session(), OfferEvents.AGGREGATE, o.id().toString(), OfferEvents.WITHDRAWN, OfferSnapshot.of(o)));
    }

    /**
     * The node agent's heartbeat. 404 for a missing or withdrawn offer, 403 for another provider's.
     *
     * @return when the offer stops matching unless another heartbeat arrives
     */
    @WithTransaction
    public Uni<Heartbeat> heartbeat(UUID id, String caller, boolean healthy, Integer freeGpus) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return offers.heartbeat(id, caller, healthy, freeGpus, now).chain(recorded -> recorded
                ? Uni.createFrom().item(new Heartbeat(id, now, healthy, now.plus(config.heartbeatTimeout())))
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
    public Uni<Slice<Offer>> market(MarketFilter filter, PageRequest page) {
        BigDecimal afterRank = null;
        UUID afterId = null;
        if (page.cursor() != null) {
            try {
                afterRank = page.cursor().decimal("r");
                afterId = UUID.fromString(page.cursor().get("id"));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor of this list");
            }
        }
        OffsetDateTime staleBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(config.heartbeatTimeout());
        return offers.market(filter, staleBefore, afterRank, afterId, page.fetchSize()).map(rows -> Slice.of(rows, page, o -> {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("r", o.rankPrice().toPlainString());
            k.put("id", o.id().toString());
            return Cursor.of(k);
        }));
    }

    @WithSession
    public Uni<Slice<Offer>> mine(String provider, PageRequest page) {
        return offers.pageByProvider(provider, TimeIdKey.after(page), page.fetchSize())
                .map(rows -> Slice.of(rows, page, o -> TimeIdKey.cursor(o.createdAt(), o.id())));
    }

    private Uni<Void> updated(Offer o) {
        return outbox.append(Tx.session(), OfferEvents.AGGREGATE, o.id().toString(), OfferEvents.UPDATED, OfferSnapshot.of(o)).replaceWithVoid();
    }

    /** Another provider's offer is visible but not theirs: 403; a missing or withdrawn one: 404. */
    private Uni<Offer> owned(UUID id, String caller) {
        return offers.findById(id).map(o -> {
            if (o == null || (o.state() == OfferState.WITHDRAWN && !o.isOwnedBy(caller))) {
                throw new NotFound("Offer", id);
            }
            if (!o.isOwnedBy(caller)) {
                throw ProblemException.forbidden("Only the offer's provider may change it");
            }
            return o;
        });
    }
}
