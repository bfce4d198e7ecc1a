package ai.marketplace.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.host.RepoRoot;

/**
 * No secret in the repository except the clearly marked local-stack defaults of {@code deploy/secret-allowlist.txt}:
 * private keys (PEM or 32-byte hex), passwords and secrets assigned in configuration, cloud and forge tokens.
 */
class SecretsScanTest {

    static final Path REPO = RepoRoot.get();
    static final List<Pattern> SECRETS = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("(?<![0-9a-fA-Fx])(0x[0-9a-fA-F]{64})(?![0-9a-fA-F])"),
            Pattern.compile("(?i)(?:secret|password|passwd|private[_-]?key|api[_-]?key|client[_-]secret)[\"']?\\s*[:=]\\s*[\"']?([^\\s\"'$<{,;)]{6,})"),
            Pattern.compile("(AKIA[0-9A-Z]{16})"),
            Pattern.compile("(gh[pousr]_[A-Za-z0-9]{30,})"),
            Pattern.compile("(xox[baprs]-[A-Za-z0-9-]{10,})"));

    @Test
    void onlyMarkedLocalStackDefaultsLookLikeSecrets() throws IOException {
        Map<String, String> allowed = allowlist();
        assertThat(allowed.values()).as("every allowed value is marked as a local-stack default")
                .allMatch(reason -> reason.startsWith("local-stack default"));
        List<String> found = new ArrayList<>();
        for (Path file : trackedFiles()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(REPO.resolve(file));
            } catch (MalformedInputException e) {
                continue; // binary
            }
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern p : SECRETS) {
                    Matcher m = p.matcher(lines.get(i));
                    while (m.find()) {
                        String value = m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group();
                        if (!allowed.containsKey(value) && !harmless(value, lines.get(i))) {
                            found.add(file + ":" + (i + 1) + ": " + value);
                        }
                    }
                }
            }
        }
        assertThat(found).as("secret-looking values outside deploy/secret-allowlist.txt").isEmpty();
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        String[] leaks = { "password=hunter2hunter2", "\"client_secret\": \"s3cr3t-value\"", "key = 0x" + "1f".repeat(32),
                "-----BEGIN RSA PRIVATE KEY-----", "AKIAABCDEFGHIJKLMNOP", "token ghp_" + "a".repeat(36) };
        for (String leak : leaks) {
            assertThat(SECRETS.stream().anyMatch(p -> p.matcher(leak).find())).as(leak).isTrue();
        }
    }

    /** Placeholders, references to where the secret really comes from, and words that merely name a secret. */
    static boolean harmless(String value, String line) {
        return value.startsWith("REPLACE_ME") || value.startsWith("${") || line.contains("secretKeyRef")
                || value.matches("(?i)(true|false|null|none|required|secretKeyRef|valueFrom|optional)")
                || value.matches("[a-z]+(-[a-z]+)*-(secrets?|key|tls|chain)") // Kubernetes Secret / key names
                || value.matches("(?i)[a-z]+\\.[a-z]+\\(.*") // code: config.licenceKeySecret()
                || value.matches("[a-z][A-Za-z0-9]*\\(") // code: String secret = given()…
                || line.matches("\\s*(this\\.)?[a-z][A-Za-z0-9]*\\s*=\\s*[a-z][A-Za-z0-9]*;\\s*") // code: secret = newSecret;
                || value.matches("[a-z0-9]+-pass") || value.equals("postgres"); // documented demo users and local DB
    }

    static Map<String, String> allowlist() throws IOException {
        Map<String, String> m = new HashMap<>();
        for (String line : Files.readAllLines(REPO.resolve("deploy/secret-allowlist.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", 2);
            m.put(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "");
        }
        return m;
    }

    static List<Path> trackedFiles() throws IOException {
        if (Files.isDirectory(REPO.resolve(".git"))) {
            try {
                Process p = new ProcessBuilder("git", "ls-files").directory(REPO.toFile()).start();
                List<Path> files = new String(p.getInputStream().readAllBytes()).lines().map(Path::of)
                        .filter(f -> Files.isRegularFile(REPO.resolve(f))).toList();
                if (p.waitFor() == 0 && !files.isEmpty()) {
                    return files.stream().filter(SecretsScanTest::scanned).toList();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> s = Files.walk(REPO)) {
            return s.filter(Files::isRegularFile).map(REPO::relativize)
                    .filter(f -> !f.toString().matches("(^|.*/)(target|node_modules|\\.git|\\.local)/.*"))
                    .filter(SecretsScanTest::scanned).toList();
        }
    }

    static boolean scanned(Path f) {
        String n = f.toString();
        return !n.matches(".*\\.(abi|bin|jar|zip|png|jpg)$") && !n.endsWith("package-lock.json") && !n.equals("deploy/secret-allowlist.txt")
                && !n.endsWith("SecretsScanTest.java")
                && !n.matches("mvnw(\\.cmd)?|\\.mvn/.*"); // the Maven wrapper is vendored
    }
}
