package ai.marketplace.partner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.testsupport.webhooks.WebhookReceiver;

/**
 * Checks deliveries with Standard Webhooks' own JavaScript library, run by Node (src/test/verifier), so the
 * signatures are judged by an implementation that is not ours.
 */
public final class ReferenceVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceVerifier() {
    }

    /** One verdict per delivery: "ok &lt;id&gt;" or "bad &lt;id&gt; &lt;reason&gt;". */
    public static List<String> verify(String secret, List<WebhookReceiver.Received> deliveries) throws IOException, InterruptedException {
        Path dir = Path.of("src/test/verifier").toAbsolutePath();
        Process node = new ProcessBuilder("node", "verify.js").directory(dir.toFile()).redirectErrorStream(true).start();
        try (Writer in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            for (WebhookReceiver.Received r : deliveries) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("secret", secret);
                line.put("headers", r.headers());
                line.put("body", r.bodyText());
                in.write(JSON.writeValueAsString(line) + "\n");
            }
        }
        List<String> verdicts = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = out.readLine()) != null;) {
                verdicts.add(l);
            }
        }
        if (node.waitFor() != 0) {
            throw new IllegalStateException("the reference verifier failed: " + verdicts);
        }
        return verdicts;
    }
}
