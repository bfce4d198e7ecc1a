package ai.marketplace.partner.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.partner.config.PartnerConfig;
import ai.marketplace.partner.domain.DeliveryAttempt;
import ai.marketplace.partner.domain.DisabledBy;
import ai.marketplace.partner.domain.Endpoint;
import ai.marketplace.partner.domain.EndpointState;
import ai.marketplace.partner.domain.Signature;
import ai.marketplace.partner.domain.WebhookUrl;
import ai.marketplace.partner.events.PartnerEvents;
import ai.marketplace.partner.events.PartnerEvents.EndpointSnapshot;
import ai.marketplace.partner.repository.AttemptRepository;
import ai.marketplace.partner.repository.DeliveryRepository;
import ai.marketplace.partner.repository.EndpointRepository;
import ai.marketplace.partner.repository.GrantRepository;
import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.Forbidden;
import ai.marketplace.platform.domain.DomainException.InvalidInput;
import ai.marketplace.platform.domain.DomainException.NotFound;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

/**
 * Partners' endpoints and the operator's grants. Every change commits with its event; a caller who is neither the
 * endpoint's partner nor an operator is told it does not exist, so endpoint ids leak nothing.
 */
@ApplicationScoped
public class EndpointService {

    /** Who acts: the token's subject, and whether it carries the operator role. */
    public record Actor(String subject, boolean operator) {
        boolean mayManage(Endpoint e) {
            return operator || e.ownedBy(subject);
        }
    }

    /** A new endpoint together with its secret, which is shown this once. */
    public record WithSecret(Endpoint endpoint, String secret) {
    }

    /** What a partner may change; null leaves a value as it is. */
    public record Revision(String url, List<String> eventTypes, String description, EndpointState state) {
    }

    @Inject EndpointRepository endpoints;
    @Inject GrantRepository grants;
    @Inject DeliveryRepository deliveries;
    @Inject AttemptRepository attempts;
    @Inject Resolver resolver;
    @Inject Outbox outbox;
    @Inject Transactions transactions;
    @Inject PartnerConfig config;

    public Uni<WithSecret> register(String partner, String rawUrl, List<String> eventTypes, String description) {
        WebhookUrl url = WebhookUrl.parse(rawUrl, config.allowLoopback());
        String secret = Signature.newSecret();
        return resolver.permitted(url).chain(ok -> transactions.runRetryingConflicts(tx -> grants.of(tx, partner).chain(granted -> {
            Endpoint e = Endpoint.register(partner, url, description, eventTypes, granted, secret, now());
            return endpoints.insert(tx, e)
                    .chain(() -> event(tx, e, PartnerEvents.REGISTERED))
                    .replaceWith(new WithSecret(e, secret));
        })));
    }

    public Uni<Endpoint> get(Actor actor, UUID id) {
        return transactions.read(tx -> visible(tx, actor, id, false));
    }

    public Uni<Slice<Endpoint>> list(Actor actor, boolean everyone, PageRequest page) {
        if (everyone && !actor.operator()) {
            return Uni.createFrom().failure(new Forbidden("only an operator lists every partner's endpoints"));
        }
        TimeIdKey after = TimeIdKey.after(page);
        return transactions.read(tx -> endpoints.page(tx, everyone ? null : actor.subject(), after, page.fetchSize()))
                .map(rows -> Slice.of(rows, page, e -> TimeIdKey.cursor(e.createdAt(), e.id())));
    }

    /**
     * Changes URL, types, description or state. ACTIVE and PAUSED are the partner's to choose; DISABLED is the
     * operator's (a disable by failures the partner lifts by setting ACTIVE again).
     */
    public Uni<Endpoint> revise(Actor actor, UUID id, Revision r) {
        WebhookUrl url = r.url() == null ? null : WebhookUrl.parse(r.url(), config.allowLoopback());
        if (r.state() == EndpointState.DISABLED && !actor.operator()) {
            return Uni.createFrom().failure(new Forbidden("only an operator disables an endpoint; pause it instead"));
        }
        Uni<?> checked = url == null ? Uni.createFrom().voidItem() : resolver.permitted(url);
        return checked.chain(ok -> transactions.runRetryingConflicts(tx -> visible(tx, actor, id, true).chain(e -> grants.of(tx, e.partnerId())
                .chain(granted -> {
                    OffsetDateTime now = now();
                    boolean contentChanged = url != null || r.eventTypes() != null || r.description() != null;
                    EndpointState before = e.state();
                    e.revise(url, r.eventTypes(), r.description(), granted, now);
                    String stateEvent = r.state() == null || r.state() == before ? null : switch (r.state()) {
                        case PAUSED -> {
                            e.pause(now);
                            yield PartnerEvents.PAUSED;
                        }
                        case ACTIVE -> {
                            e.activate(actor.operator(), now);
                            yield PartnerEvents.ACTIVATED;
                        }
                        case DISABLED -> {
                            e.disable(DisabledBy.OPERATOR, "disabled by operator " + actor.subject(), now);
                            yield PartnerEvents.DISABLED;
                        }
                    };
                    if (!contentChanged && stateEvent == null) {
                        return Uni.createFrom().item(e);
                    }
                    String then = stateEvent;
                    return save(tx, e)
                            .chain(() -> contentChanged ? event(tx, e, PartnerEvents.UPDATED) : Uni.createFrom().voidItem())
                            .chain(() -> then != null ? event(tx, e, then) : Uni.createFrom().voidItem())
                            .chain(() -> e.state() == EndpointState.ACTIVE ? Dispatcher.notifyOnCommit(tx) : Uni.createFrom().voidItem())
                            .replaceWith(e);
                }))));
    }

    /** Deleting is the partner's own decision; an operator who must stop an endpoint disables it. */
    public Uni<Void> delete(Actor actor, UUID id) {
        return transactions.runRetryingConflicts(tx -> visible(tx, actor, id, true).chain(e -> {
            if (!e.ownedBy(actor.subject())) {
                throw new Forbidden("an operator disables a partner's endpoint; deleting it is the partner's");
            }
            return endpoints.delete(tx, id).chain(() -> event(tx, e, PartnerEvents.DELETED));
        }));
    }

    /** A new secret, shown once; the old one keeps signing for {@code overlap} so the receiver can switch. */
    public Uni<WithSecret> rotateSecret(Actor actor, UUID id, Duration overlap) {
        String secret = Signature.newSecret();
        return transactions.runRetryingConflicts(tx -> visible(tx, actor, id, true).chain(e -> {
            e.rotateSecret(secret, overlap, now());
            return save(tx, e).chain(() -> outbox.append(tx, PartnerEvents.ENDPOINT, e.id().toString(), PartnerEvents.SECRET_ROTATED,
                    new PartnerEvents.SecretRotated(e.id(), e.partnerId(), e.previousSecretUntil())))
                    .replaceWith(new WithSecret(e, secret));
        }));
    }

    /**
     * Owes the endpoint its events again: those after {@code afterEventId}, or from {@code since}. The events keep
     * their ids, so a receiver that already has one recognises it.
     */
    public Uni<Integer> replay(Actor actor, UUID id, String afterEventId, OffsetDateTime since) {
        if ((afterEventId == null) == (since == null)) {
            return Uni.createFrom().failure(new InvalidInput("afterEventId", "give either afterEventId or since, not both"));
        }
        return transactions.runRetryingConflicts(tx -> visible(tx, actor, id, true).chain(e -> {
            Uni<Long> after = afterEventId == null ? Uni.createFrom().nullItem() : deliveries.seqOf(tx, afterEventId).invoke(seq -> {
                if (seq == null) {
                    throw new NotFound("Retained event", afterEventId);
                }
            });
            return after.chain(seq -> deliveries.replay(tx, id, seq, since)).call(n -> outbox.append(tx, PartnerEvents.ENDPOINT,
                    e.id().toString(), PartnerEvents.REPLAY_REQUESTED,
                    new PartnerEvents.ReplayRequested(e.id(), e.partnerId(), afterEventId, since, n)))
                    .call(() -> Dispatcher.notifyOnCommit(tx));
        }));
    }

    public Uni<Slice<DeliveryAttempt>> attempts(Actor actor, UUID id, PageRequest page) {
        TimeIdKey after = TimeIdKey.after(page);
        return transactions.read(tx -> visible(tx, actor, id, false).chain(e -> attempts.page(tx, id, after, page.fetchSize())))
                .map(rows -> Slice.of(rows, page, a -> TimeIdKey.cursor(a.createdAt(), a.id())));
    }

    public Uni<Set<String>> grants(String partner) {
        return transactions.read(tx -> grants.of(tx, partner));
    }

    /** The operator sets the complete list of types a partner may receive; endpoints keep only what stays granted. */
    public Uni<Set<String>> grant(String operator, String partner, List<String> types) {
        if (types == null) {
            return Uni.createFrom().failure(new InvalidInput("eventTypes", "is required (an empty list revokes everything)"));
        }
        if (partner == null || partner.isBlank() || partner.length() > 255 || partner.equals("me")) {
            return Uni.createFrom().failure(new InvalidInput("partnerId", "must be a token subject of at most 255 characters"));
        }
        for (String t : types) {
            if (t == null || !Endpoint.PUBLIC_TYPE.matcher(t).matches()) {
                return Uni.createFrom().failure(new InvalidInput("eventTypes",
                        "'" + t + "' is not an event type of the public topics (ai.marketplace.<service>.<Event>.v<N>)"));
            }
        }
        List<String> sorted = List.copyOf(new java.util.TreeSet<>(types));
        return transactions.runRetryingConflicts(tx -> grants.replace(tx, partner, sorted, operator)
                .chain(() -> outbox.append(tx, PartnerEvents.GRANTS, partner, PartnerEvents.GRANTS_CHANGED,
                        new PartnerEvents.GrantsChanged(partner, sorted, operator)))
                .chain(() -> grants.of(tx, partner)));
    }

    /** The endpoint if the actor may see it; otherwise "does not exist", never "not yours". */
    private Uni<Endpoint> visible(Tx tx, Actor actor, UUID id, boolean forUpdate) {
        return (forUpdate ? endpoints.lock(tx, id) : endpoints.find(tx, id)).map(e -> {
            if (e == null || !actor.mayManage(e)) {
                throw new NotFound("Webhook endpoint", id);
            }
            return e;
        });
    }

    private Uni<Void> save(Tx tx, Endpoint e) {
        return endpoints.save(tx, e).invoke(saved -> {
            if (!saved) {
                throw new Conflict("concurrent-change", "The endpoint changed meanwhile; read it again and retry");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> event(Tx tx, Endpoint e, String name) {
        return outbox.append(tx, PartnerEvents.ENDPOINT, e.id().toString(), name, EndpointSnapshot.of(e)).replaceWithVoid();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
