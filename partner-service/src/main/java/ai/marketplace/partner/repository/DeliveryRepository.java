package ai.marketplace.partner.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

/** The retained events and what each endpoint is owed of them. */
@ApplicationScoped
public class DeliveryRepository {

    /** A delivery the dispatcher took: the event as it was published and where and how it goes. */
    public record Due(UUID endpointId, long seq, int attempt, OffsetDateTime firstDueAt, String eventId, String eventType,
            OffsetDateTime eventTime, byte[] body, String url, String secret, String previousSecret,
            OffsetDateTime previousSecretUntil) {
    }

    /** Keeps the event; null when it was kept before (a redelivered record). */
    public Uni<Long> keep(Tx tx, String eventId, String type, String subject, byte[] body, OffsetDateTime time) {
        return Sql.first(tx, """
                insert into event_copy (event_id, event_type, subject, body, event_time) values ($1, $2, $3, $4, $5)
                on conflict (event_id) do nothing returning seq""", r -> r.getLong("seq"), eventId, type, subject,
                body, time);
    }

    /** Owes the event to every endpoint that subscribed to its type, is not disabled and whose partner holds the grant. */
    public Uni<Integer> enqueue(Tx tx, long seq, String type, String subject) {
        return Sql.update(tx, """
                insert into delivery (endpoint_id, seq, subject)
                select e.id, $1, $3 from endpoint e
                join partner_grant g on g.partner_id = e.partner_id and g.event_type = $2
                where e.state <> 'DISABLED' and $2 = any (e.event_types)
                on conflict do nothing""", seq, type, subject);
    }

    /**
     * Takes up to {@code limit} due deliveries for {@code leaseSeconds}: each the oldest pending one of its subject at
     * its endpoint (commit order per aggregate), of an ACTIVE endpoint whose partner still holds the type's grant,
     * at most {@code perEndpoint} in flight per endpoint. Each endpoint offers at most its cap (walking its own due
     * rows by index), so an endpoint with a large backlog takes only its share of a pass, the others' deliveries are
     * not queued behind it, and a pass costs endpoints × cap rather than the whole backlog. Rows another
     * dispatcher holds are skipped, not waited for.
     */
    public Uni<List<Due>> claim(Tx tx, int limit, int perEndpoint, int leaseSeconds) {
        return Sql.list(tx, """
                with busy as (
                    select endpoint_id, count(*) as n from delivery
                    where state = 'PENDING' and claimed_until is not null and claimed_until >= now() group by endpoint_id
                ), heads as (
                    select h.endpoint_id, h.seq, h.next_attempt_at, h.rn, coalesce(b.n, 0) as busy
                    from endpoint e
                    cross join lateral (
                        select d.endpoint_id, d.seq, d.next_attempt_at,
                            row_number() over (order by d.next_attempt_at, d.seq) as rn
                        from delivery d
                        join event_copy c on c.seq = d.seq
                        where d.endpoint_id = e.id and d.state = 'PENDING' and d.next_attempt_at <= now()
                          and (d.claimed_until is null or d.claimed_until < now())
                          and exists (select 1 from partner_grant g where g.partner_id = e.partner_id and g.event_type = c.event_type)
                          and not exists (select 1 from delivery p where p.endpoint_id = d.endpoint_id and p.subject = d.subject
                                          and p.state = 'PENDING' and p.seq < d.seq)
                        order by d.next_attempt_at, d.seq
                        limit $2
                    ) h
                    left join busy b on b.endpoint_id = e.id
                    where e.state = 'ACTIVE'
                ), picked as (
                    select endpoint_id, seq from heads where rn + busy <= $2
                    order by next_attempt_at, seq
                    limit $1
                ), locked as (
                    select d.endpoint_id, d.seq from delivery d
                    join picked p on p.endpoint_id = d.endpoint_id and p.seq = d.seq
                    where d.state = 'PENDING' and (d.claimed_until is null or d.claimed_until < now())
                    for update of d skip locked
                )
                update delivery d set claimed_until = now() + make_interval(secs => $3), attempts = d.attempts + 1
                from locked l, event_copy c, endpoint e
                where d.endpoint_id = l.endpoint_id and d.seq = l.seq and c.seq = d.seq and e.id = d.endpoint_id
                returning d.endpoint_id, d.seq, d.attempts, d.first_due_at, c.event_id, c.event_type, c.event_time, c.body, e.url, e.secret,
                    e.previous_secret, e.previous_secret_until""",
                r -> new Due(r.getUUID("endpoint_id"), r.getLong("seq"), r.getInteger("attempts"), r.getOffsetDateTime("first_due_at"),
                        r.getString("event_id"), r.getString("event_type"), r.getOffsetDateTime("event_time"),
                        r.getBuffer("body").getBytes(), r.getString("url"),
                        r.getString("secret"), r.getString("previous_secret"), r.getOffsetDateTime("previous_secret_until")),
                limit, perEndpoint, leaseSeconds);
    }

    public Uni<Void> delivered(Tx tx, UUID endpoint, long seq) {
        return Sql.update(tx, """
                update delivery set state = 'DELIVERED', delivered_at = now(), claimed_until = null
                where endpoint_id = $1 and seq = $2 and state = 'PENDING'""", endpoint, seq).replaceWithVoid();
    }

    public Uni<Void> retryAt(Tx tx, UUID endpoint, long seq, OffsetDateTime next) {
        return Sql.update(tx, """
                update delivery set next_attempt_at = $3, claimed_until = null
                where endpoint_id = $1 and seq = $2 and state = 'PENDING'""", endpoint, seq, next).replaceWithVoid();
    }

    /** Past the retry horizon: the next event of the subject may go. */
    public Uni<Void> gaveUp(Tx tx, UUID endpoint, long seq) {
        return Sql.update(tx, """
                update delivery set state = 'GAVE_UP', claimed_until = null
                where endpoint_id = $1 and seq = $2 and state = 'PENDING'""", endpoint, seq).replaceWithVoid();
    }

    /** The position of an event in the retained copy, or null when it is not there. */
    public Uni<Long> seqOf(Tx tx, String eventId) {
        return Sql.first(tx, "select seq from event_copy where event_id = $1", r -> r.getLong("seq"), eventId);
    }

    /**
     * Owes the endpoint again every retained event of its types (granted now) after {@code afterSeq} or from
     * {@code since}: due at once, attempts counted afresh, with the same ids as the first time.
     */
    public Uni<Integer> replay(Tx tx, UUID endpoint, Long afterSeq, OffsetDateTime since) {
        return Sql.update(tx, """
                insert into delivery (endpoint_id, seq, subject)
                select e.id, c.seq, c.subject from endpoint e
                join event_copy c on c.event_type = any (e.event_types)
                join partner_grant g on g.partner_id = e.partner_id and g.event_type = c.event_type
                where e.id = $1 and ($2::bigint is null or c.seq > $2) and ($3::timestamptz is null or c.event_time >= $3)
                on conflict (endpoint_id, seq) do update set state = 'PENDING', attempts = 0, next_attempt_at = now(),
                    first_due_at = now(), claimed_until = null, delivered_at = null""", endpoint, afterSeq, since);
    }
}
