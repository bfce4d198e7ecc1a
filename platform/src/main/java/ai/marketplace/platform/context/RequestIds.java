package ai.marketplace.platform.context;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.common.vertx.ContextLocals;

/**
 * The request id travels with the work it causes: API request → outbox row → Kafka header → consumer log lines.
 * It lives in the Vert.x duplicated context (safe for reactive code) and is mirrored into the logging MDC.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String KAFKA_HEADER = "x-request-id";
    public static final String MDC_KEY = "requestId";
    private static final String LOCAL_KEY = "marketplace.requestId";
    // Only ids that are safe to log and echo: no header injection, bounded length.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** Uses the caller's id when it is safe to echo, otherwise makes a new one. */
    public static String accept(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    public static void bind(String requestId) {
        if (requestId == null) {
            return;
        }
        try {
            ContextLocals.put(LOCAL_KEY, requestId);
        } catch (UnsupportedOperationException | IllegalStateException notOnDuplicatedContext) {
            // Outside a Vert.x duplicated context only the MDC carries it.
        }
        MDC.put(MDC_KEY, requestId);
    }

    public static String current() {
        try {
            var fromContext = ContextLocals.<String> get(LOCAL_KEY);
            if (fromContext.isPresent()) {
                return fromContext.get();
            }
        } catch (UnsupportedOperationException | IllegalStateException notOnDuplicatedContext) {
            // fall through to the MDC
        }
        Object fromMdc = MDC.get(MDC_KEY);
        return fromMdc == null ? null : fromMdc.toString();
    }

    /** W3C traceparent of the current span, or null when there is no sampled-or-valid span. */
    public static String currentTraceparent() {
        SpanContext sc = Span.current().getSpanContext();
        if (!sc.isValid()) {
            return null;
        }
        return "00-" + sc.getTraceId() + "-" + sc.getSpanId() + "-" + sc.getTraceFlags().asHex();
    }
}
