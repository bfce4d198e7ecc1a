package ai.marketplace.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

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

    @Inject ObjectMapper mapper;

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

    /**
     * Runs {@code action} once per (subject, key) inside {@code tx}, the transaction its effect commits in: the first
     * answer is stored with a hash of the request, a repeat returns it, another request under the same key is a 422.
     */
    public <T> Uni<Outcome<T>> once(Tx tx, String subject, String key, Object request, Class<T> type,
            Supplier<Uni<T>> action) {
        if (key == null) {
            return action.get().map(v -> new Outcome<>(v, false));
        }
        String hash = hash(request);
        return tx.query("select request_hash, response from idempotency_key where subject = $1 and key = $2", subject, key)
                .chain(rows -> {
                    if (!rows.isEmpty()) {
                        if (!rows.getFirst().text(0).equals(hash)) {
                            throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                                    "This Idempotency-Key was used for a different request; use a new key for a new request");
                        }
                        return Uni.createFrom().item(new Outcome<>(read(rows.getFirst().text(1), type), true));
                    }
                    return action.get().chain(value -> tx.update(
                            "insert into idempotency_key (subject, key, request_hash, response) values ($1, $2, $3, $4)",
                            subject, key, hash, write(value))
                            .onFailure(Sql::isUniqueViolation).transform(e -> ProblemException.conflict(
                                    "idempotency-key-in-use",
                                    "Another request with this Idempotency-Key is being processed; retry it"))
                            .replaceWith(new Outcome<>(value, false)));
                });
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
