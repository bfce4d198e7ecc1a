package ai.marketplace.testsupport.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook receiver on loopback: a real HTTP server (the JDK's) that keeps every request it gets and
 * answers as each path's behaviour says (200 unless told otherwise). Used by partner-service's tests and the system
 * tests.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(String path, String id, String timestamp, String signature, String contentType, byte[] body) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public String subject() {
            return json().path("subject").asText();
        }

        /**
         * Whether one of the {@code webhook-signature} entries is HMAC-SHA256 of {@code id.timestamp.body} under the
         * base64 key of {@code secret} (whsec_…), as Standard Webhooks defines it.
         */
        public boolean signedWith(String secret) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())),
                        "HmacSHA256"));
                mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
                byte[] expected = mac.doFinal(body);
                for (String entry : signature == null ? new String[0] : signature.split(" ")) {
                    String[] parts = entry.split(",", 2);
                    if (parts.length == 2 && parts[0].equals("v1")
                            && java.security.MessageDigest.isEqual(java.util.Base64.getDecoder().decode(parts[1]), expected)) {
                        return true;
                    }
                }
                return false;
            } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }

        public Map<String, String> headers() {
            return Map.of("webhook-id", id, "webhook-timestamp", timestamp, "webhook-signature", signature);
        }
    }

    /** What to answer: a status, and how long to wait first. */
    public record Answer(int status, long delayMillis, String body, String location) {
        public Answer(int status, long delayMillis, String body) {
            this(status, delayMillis, body, null);
        }

        public static Answer ok() {
            return new Answer(200, 0, "thanks");
        }

        public static Answer status(int status) {
            return new Answer(status, 0, "status " + status);
        }

        public static Answer redirect(String location) {
            return new Answer(307, 0, "moved", location);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Received, Answer>> behaviours = new ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void on(String path, Function<Received, Answer> behaviour) {
        behaviours.put(path, behaviour);
    }

    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            var h = exchange.getRequestHeaders();
            Received r = new Received(exchange.getRequestURI().getPath(), h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), h.getFirst("content-type"), body);
            received.add(r);
            Answer a = behaviours.getOrDefault(r.path(), x -> Answer.ok()).apply(r);
            if (a.delayMillis() > 0) {
                try {
                    Thread.sleep(a.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = a.body().getBytes(StandardCharsets.UTF_8);
            if (a.location() != null) {
                exchange.getResponseHeaders().add("Location", a.location());
            }
            exchange.sendResponseHeaders(a.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            } catch (IOException gone) {
                // The dispatcher gave up waiting (a timeout test): nothing to answer to.
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
