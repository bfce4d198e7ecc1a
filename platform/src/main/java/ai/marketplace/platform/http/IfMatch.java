package ai.marketplace.platform.http;

import ai.marketplace.platform.problem.ProblemException;

/** Reads the entity version a client last saw from {@code If-Match: "7"} (weak tags accepted): 428 when absent. */
public final class IfMatch {

    private IfMatch() {
    }

    public static long version(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "Send If-Match with the ETag of the asset you are changing (GET it first)");
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long version = Long.parseLong(v);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "must be an ETag returned by this API, such as \"3\"");
        }
    }
}
