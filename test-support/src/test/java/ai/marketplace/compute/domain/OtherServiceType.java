package ai.marketplace.compute.domain;

/** Fixture: another service's class. */
public class OtherServiceType {
    public static String name() {
        return "x";
    }
}
