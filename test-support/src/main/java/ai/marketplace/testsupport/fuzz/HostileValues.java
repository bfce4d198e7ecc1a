package ai.marketplace.testsupport.fuzz;

import java.math.BigInteger;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** What attackers and broken clients send, as jqwik arbitraries the fuzzer draws from. */
final class HostileValues {

    static final BigInteger TWO_256 = BigInteger.TWO.pow(256);

    private HostileValues() {
    }

    /** Strings that break parsers, queries, paths, logs and headers, plus random unicode of any length. */
    static Arbitrary<String> strings() {
        Arbitrary<String> fixed = Arbitraries.of(List.of("", " ", "\u0000", "null", "'; DROP TABLE asset;--",
                "' OR '1'='1", "\" OR \"\"=\"", "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%00",
                "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "#{7*7}", "\r\nX-Injected: 1",
                "\u202egnp.exe", "😀💥𝕏\uD83D", "\uFFFF\uFFFE", "Ω≈ç√∫˜µ≤≥÷", "ﷺ", "a\tb\nc", "\\", "%", "*", "?",
                "0x", "-0", "NaN", "Infinity", "1e309", "x".repeat(10_000), "é".repeat(3_000),
                // Cursors as the lists encode them (base64url of k=v pairs) with keys no database can hold.
                forgedCursor("id=00000000-0000-0000-0000-000000000001&k=1e999999999&s=PRICE"),
                forgedCursor("id=00000000-0000-0000-0000-000000000001&k=1e999999999&s=SCORE"),
                forgedCursor("id=00000000-0000-0000-0000-000000000001&r=1e999999999")));
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(300);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, fixed), net.jqwik.api.Tuple.of(1, unicode));
    }

    static String forgedCursor(String pairs) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(pairs.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Numbers at and beyond every boundary a Java, JSON or uint256 reader has. */
    static Arbitrary<String> numbers() {
        return Arbitraries.of(List.of("0", "-1", "1", "2147483647", "2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", TWO_256.toString(),
                TWO_256.subtract(BigInteger.ONE).toString(), TWO_256.negate().toString(), "1.5", "1e3", "1e309",
                "-0.0", "0.0000001", "9".repeat(400), "1e999999999", "-1e999999999", "1e-999999999"));
    }

    /** Amounts as JSON values: decimal strings at the edges of uint256, and the wrong shapes. */
    static Arbitrary<String> amountsAsJson() {
        return Arbitraries.of(List.of("\"0\"", "\"-1\"", "\"" + TWO_256 + "\"", "\"" + TWO_256.subtract(BigInteger.ONE) + "\"",
                "\"1.5\"", "\"1e3\"", "\" 1\"", "\"\"", "\"00001\"", "\"0x10\"", "\"" + "9".repeat(100) + "\"", "-1", "0",
                "1.5", TWO_256.toString(), "null", "true", "{}", "[]"));
    }

    /** Ids that are not ids. */
    static Arbitrary<String> ids() {
        return Arbitraries.of(List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", "..", "../etc/passwd",
                "%2e%2e%2f", "1 OR 1=1", "😀", "x".repeat(2_000), "-1", "0", "null", "{id}", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "123e4567-e89b-12d3-a456-42661417400Z", " ", "mine"));
    }

    /** A JSON literal of the wrong type for anything. */
    static Arbitrary<String> wrongJson() {
        return Arbitraries.of(List.of("null", "true", "123", "-1", "\"text\"", "[]", "[1,2]", "{}", "{\"a\":1}",
                "1e309", "\"" + "x".repeat(5_000) + "\""));
    }

    /** Bodies that are not the JSON object expected. */
    static Arbitrary<String> brokenBodies() {
        return Arbitraries.of(List.of("", "{", "}", "{\"a\":}", "[", "null", "[]", "\"a\"", "123", "{\"a\":1,}",
                "{'single':'quotes'}", "\u0000", "<xml/>", "{\"__proto__\":{\"admin\":true}}",
                "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)));
    }
}
