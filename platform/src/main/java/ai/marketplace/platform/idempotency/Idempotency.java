package ai.marketplace.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Runs an action at most once per (caller, Idempotency-Key), inside the caller's transaction: the stored
 * first response is returned to every repeat; the same key with a different request is a 422; two concurrent
 * first attempts cannot both commit (primary key), the loser gets a 409 and retries into the stored answer.
 */
@ApplicationScoped
public class Idempotency {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    /** The action's result, and whether it is a stored answer to an earlier identical request. */
    public record Outcome<T>(T value, boolean replayed) {

        /** 201 with the resource, marked {@code Idempotent-Replayed: true} when it is a stored answer. */
        public jakarta.ws.rs.core.Response created(java.net.URI location) {
            var b = jakarta.ws.rs.core.Response.created(location).entity(value);
            if (replayed) {
                b.header("Idempotent-Replayed", "true");
            }
            return b.build();
        }
    }

    private final ObjectMapper mapper;

    public Idempotency(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Validates the header; null means the client sent none. */
    public static String checkKey(String key) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1–200 visible ASCII characters, e.g. a UUID");
        }
        return key;
    }

    public <T> Uni<Outcome<T>> once(String subject, String key, Object request, Class<T> type, Supplier<Uni<T>> action) {
        if (key == null) {
            return action.get().map(v -> new Outcome<>(v, false));
        }
        String hash = hash(request);
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select request_hash || '|' || response from idempotency_key where subject = :s and key = :k")
                .setParameter("s", subject).setParameter("k", key).getResultList()
                .chain(rows -> {
                    if (!rows.isEmpty()) {
                        String row = rows.get(0).toString();
                        int bar = row.indexOf('|');
                        if (!row.substring(0, bar).equals(hash)) {
                            throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                                    "This Idempotency-Key was used for a different request; use a new key for a new request");
                        }
                        return Uni.createFrom().item(new Outcome<>(read(row.substring(bar + 1), type), true));
                    }
                    return action.get().chain(value -> session.createNativeQuery(
                            "insert into idempotency_key (subject, key, request_hash, response) values (:s, :k, :h, :r)")
                            .setParameter("s", subject).setParameter("k", key).setParameter("h", hash)
                            .setParameter("r", write(value)).executeUpdate()
                            .onFailure(Idempotency::isUniqueViolation).transform(e -> ProblemException.conflict(
                                    "idempotency-key-in-use",
                                    "Another request with this Idempotency-Key is being processed; retry it"))
                            .replaceWith(new Outcome<>(value, false)));
                }));
    }

    private static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private String hash(Object request) {
        try {
            byte[] json = mapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json.getBytes(StandardCharsets.UTF_8), type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored idempotent response is unreadable", e);
        }
    }
}
