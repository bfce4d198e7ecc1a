package ai.marketplace.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.host.RepoRoot;

/**
 * {@code docs/errors.md}, the error catalog, is generated from the code: every problem {@code type} a service, the
 * platform or the local gateway can answer with, found where it is raised, with its status, title and the
 * modules that raise it. The words on when it happens and what a client should do are kept from the committed
 * file. The test fails when a slug in the code has no entry, when an entry's slug is never produced, when an
 * entry lacks its explanation, or when the file differs from what the code says. Regenerate with
 * {@code ./mvnw -pl deploy test -Dtest=ErrorCatalogTest -Dmarketplace.errors.write=true}, then write the
 * explanations of new entries (marked TODO).
 */
class ErrorCatalogTest {

    static final Path REPO = RepoRoot.get();
    static final Path CATALOG = REPO.resolve("docs/errors.md");
    static final String PREFIX = "urn:ai-marketplace:problem:";
    static final String TODO = "TODO";

    /** Where a problem is raised: the factories, constructors and helpers that take a slug as their first text. */
    static final Pattern RAISED = Pattern.compile("(new\\s+ProblemException|new\\s+(?:DomainException\\.)?(?:Conflict|Unprocessable)"
            + "|\\bconflict|\\bnotQualified|\\brespond|\\bbuilder|\\bproblem)\\(\\s*(?:ctx,\\s*)?(?:(\\d{3}),\\s*)?"
            + "\"([a-z][a-z0-9-]+)\"(?:,\\s*\"([^\"]+)\")?");
    /** Status → slug switches (the mapper of framework errors, the gateway). */
    static final Pattern STATUS_CASE = Pattern.compile("case (\\d{3}) -> \"([a-z][a-z0-9-]+)\"");
    /** {@code String slug = switch (state) { case X -> "…"; }} followed by {@code new Conflict(slug}. */
    static final Pattern SLUG_SWITCH = Pattern.compile("String slug = switch \\([^)]*\\) \\{(.*?)\\};\\s*throw new (Conflict|Unprocessable)\\(slug",
            Pattern.DOTALL);
    static final Pattern SWITCH_ARM = Pattern.compile("-> \"([a-z][a-z0-9-]+)\"");
    static final Map<Integer, String> REASON = Map.of(404, "Not Found", 405, "Method Not Allowed", 406, "Not Acceptable",
            415, "Unsupported Media Type", 502, "Bad Gateway");

    record Site(int status, String title, String module) {
    }

    record Prose(String when, String action) {
    }

    static Map<String, Set<Site>> fromCode() throws IOException {
        Map<String, Set<Site>> slugs = new TreeMap<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(REPO)) {
            sources = walk.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/clients/"))
                    // The OpenAPI filter only shows examples of problems raised elsewhere.
                    .filter(p -> !p.getFileName().toString().equals("ProblemDocumentation.java")).sorted().toList();
        }
        for (Path source : sources) {
            String code = Files.readString(source);
            String module = REPO.relativize(source).getName(0).toString();
            Matcher m = RAISED.matcher(code);
            while (m.find()) {
                String kind = m.group(1).replaceAll("\\s+", " ");
                int status = m.group(2) != null ? Integer.parseInt(m.group(2))
                        : kind.endsWith("Unprocessable") ? 422 : kind.endsWith("notQualified") ? 403 : 409;
                String title = kind.endsWith("onflict") ? "Conflict with the current state"
                        : kind.endsWith("notQualified") ? "Not allowed to review" : m.group(4);
                slugs.computeIfAbsent(m.group(3), k -> new TreeSet<>(ErrorCatalogTest::compare)).add(new Site(status, title, module));
            }
            if (source.endsWith("ProblemMappers.java") || source.endsWith("Gateway.java")) {
                Matcher c = STATUS_CASE.matcher(code);
                while (c.find()) {
                    int status = Integer.parseInt(c.group(1));
                    slugs.computeIfAbsent(c.group(2), k -> new TreeSet<>(ErrorCatalogTest::compare))
                            .add(new Site(status, REASON.getOrDefault(status, "Error"), module));
                }
            }
            Matcher sw = SLUG_SWITCH.matcher(code);
            while (sw.find()) {
                Matcher arm = SWITCH_ARM.matcher(sw.group(1));
                while (arm.find()) {
                    slugs.computeIfAbsent(arm.group(1), k -> new TreeSet<>(ErrorCatalogTest::compare)).add(new Site(
                            sw.group(2).equals("Conflict") ? 409 : 422, "Conflict with the current state", module));
                }
            }
        }
        return slugs;
    }

    static int compare(Site a, Site b) {
        int c = Integer.compare(a.status(), b.status());
        if (c == 0) {
            c = a.module().compareTo(b.module());
        }
        return c != 0 ? c : String.valueOf(a.title()).compareTo(String.valueOf(b.title()));
    }

    /** The explanations in the committed catalog, by slug. */
    static Map<String, Prose> committedProse() {
        Map<String, Prose> prose = new LinkedHashMap<>();
        if (!Files.exists(CATALOG)) {
            return prose;
        }
        String slug = null;
        String when = null;
        try {
            for (String line : Files.readAllLines(CATALOG)) {
                if (line.startsWith("### ")) {
                    slug = line.substring(4).trim();
                    when = null;
                } else if (slug != null && line.startsWith("**When:** ")) {
                    when = line.substring("**When:** ".length());
                } else if (slug != null && line.startsWith("**What to do:** ")) {
                    prose.put(slug, new Prose(when, line.substring("**What to do:** ".length())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prose;
    }

    static String render(Map<String, Set<Site>> slugs, Map<String, Prose> prose) {
        StringBuilder out = new StringBuilder();
        out.append("# Error catalog\n\n")
                .append("Every error the API answers is `application/problem+json` ([RFC 9457](https://www.rfc-editor.org/rfc/rfc9457)):\n")
                .append("`type`, `title`, `status`, `detail`, `instance`, `requestId`, and for invalid input `errors` (each field and what\n")
                .append("is wrong with it). Switch on `type`; it is `").append(PREFIX).append("<slug>`, and each slug below is its entry\n")
                .append("(the anchor `#<slug>` of this page). Titles are the same for every occurrence of a type; `detail` says what\n")
                .append("happened this time. Some refusals add members a client can act on (for example `available`,\n")
                .append("`maxUsedGpuSeconds`, `reason`). Statuses and titles below come from the code; the whole page is checked\n")
                .append("against it by `ErrorCatalogTest` (regenerate with\n")
                .append("`./mvnw -pl deploy test -Dtest=ErrorCatalogTest -Dmarketplace.errors.write=true`).\n\n")
                .append("A client that knows none of these should still act on the status: 4xx means change the request\n")
                .append("(409 and 412: read the resource again first), 429 and 503 mean retry later (429 says when, in `Retry-After`), 500 means\n")
                .append("report the incident id in `detail`.\n\n");
        out.append("| Type | Status | Raised by |\n|---|---|---|\n");
        slugs.forEach((slug, sites) -> out.append("| [`").append(slug).append("`](#").append(slug).append(") | ")
                .append(String.join(", ", sites.stream().map(s -> Integer.toString(s.status())).distinct().toList()))
                .append(" | ").append(String.join(", ", sites.stream().map(Site::module).distinct().sorted().toList()))
                .append(" |\n"));
        out.append("\n## Entries\n");
        slugs.forEach((slug, sites) -> {
            Prose p = prose.getOrDefault(slug, new Prose(TODO, TODO));
            out.append("\n### ").append(slug).append("\n\n`").append(PREFIX).append(slug).append("` · ");
            List<String> forms = new ArrayList<>();
            for (Site s : sites) {
                String form = "**" + s.status() + "** " + (s.title() == null ? "" : s.title());
                if (!forms.contains(form.trim())) {
                    forms.add(form.trim());
                }
            }
            out.append(String.join(" / ", forms)).append(" · ")
                    .append(String.join(", ", sites.stream().map(Site::module).distinct().sorted().toList())).append("\n\n")
                    .append("**When:** ").append(p.when() == null ? TODO : p.when()).append("\n\n")
                    .append("**What to do:** ").append(p.action()).append("\n");
        });
        return out.toString();
    }

    @Test
    void theCatalogListsExactlyTheProblemTypesTheCodeRaisesAndExplainsEach() throws IOException {
        Map<String, Set<Site>> slugs = fromCode();
        Map<String, Prose> prose = committedProse();
        String generated = render(slugs, prose);
        if (Boolean.getBoolean("marketplace.errors.write")) {
            Files.writeString(CATALOG, generated);
        }
        assertThat(slugs).as("problem types found in the code").hasSizeGreaterThan(50);
        Set<String> undocumented = new TreeSet<>(slugs.keySet());
        undocumented.removeAll(prose.keySet());
        assertThat(undocumented).as("slugs raised in the code without an entry in docs/errors.md (regenerate, then explain them)").isEmpty();
        Set<String> neverRaised = new TreeSet<>(prose.keySet());
        neverRaised.removeAll(slugs.keySet());
        assertThat(neverRaised).as("entries in docs/errors.md whose slug the code never raises").isEmpty();
        assertThat(prose.entrySet().stream().filter(e -> TODO.equals(e.getValue().when()) || TODO.equals(e.getValue().action()))
                .map(Map.Entry::getKey).toList()).as("entries still to explain").isEmpty();
        assertThat(Files.readString(CATALOG)).as("docs/errors.md is stale; regenerate it: ./mvnw -pl deploy test "
                + "-Dtest=ErrorCatalogTest -Dmarketplace.errors.write=true").isEqualTo(generated);
    }

    @Test
    void theScannerFindsEachWayTheCodeRaisesAProblem() {
        String code = """
                throw new ProblemException(409, "insufficient-funds", "Insufficient funds", "x");
                throw ProblemException.conflict(
                        "idempotency-key-in-use", "x");
                throw new DomainException.Unprocessable("amount-overflow", "Amount too large", "x");
                String slug = switch (state) {
                    case REQUESTED -> "lease-requested";
                    case ACTIVE -> "lease-active";
                };
                throw new Conflict(slug, "x");
                """;
        List<String> found = new ArrayList<>();
        Matcher m = RAISED.matcher(code);
        while (m.find()) {
            found.add(m.group(3));
        }
        Matcher sw = SLUG_SWITCH.matcher(code);
        while (sw.find()) {
            Matcher arm = SWITCH_ARM.matcher(sw.group(1));
            while (arm.find()) {
                found.add(arm.group(1));
            }
        }
        assertThat(found).containsExactly("insufficient-funds", "idempotency-key-in-use", "amount-overflow", "lease-requested", "lease-active");
    }
}
