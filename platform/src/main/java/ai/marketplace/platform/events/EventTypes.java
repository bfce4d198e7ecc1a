package ai.marketplace.platform.events;

import java.util.regex.Pattern;

/** Builds and checks event type names: {@code ai.marketplace.<service>.<Aggregate><PastTense>.v<N>}. */
public final class EventTypes {

    public static final String PREFIX = "ai.marketplace.";
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern EVENT = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern TYPE = Pattern.compile("ai\\.marketplace\\.([a-z][a-z0-9-]*)\\.([A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]*)");

    private EventTypes() {
    }

    public static String of(String service, String eventName, int version) {
        if (!SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("service name must be lower-case: " + service);
        }
        if (!EVENT.matcher(eventName).matches()) {
            throw new IllegalArgumentException("event name must be <Aggregate><PastTense> in PascalCase: " + eventName);
        }
        if (version < 1) {
            throw new IllegalArgumentException("event version starts at 1");
        }
        return PREFIX + service + "." + eventName + ".v" + version;
    }

    /** The event name part of a type ({@code AssetCreated}), or null when the type is not one of ours. */
    public static String eventName(String type) {
        var m = TYPE.matcher(type == null ? "" : type);
        return m.matches() ? m.group(2) : null;
    }

    /** The version of a type ({@code 1} for {@code ….v1}), or 0 when the type is not one of ours. */
    public static int versionOf(String type) {
        var m = TYPE.matcher(type == null ? "" : type);
        return m.matches() ? Integer.parseInt(m.group(3)) : 0;
    }

    public static String serviceOf(String type) {
        var m = TYPE.matcher(type == null ? "" : type);
        return m.matches() ? m.group(1) : null;
    }
}
