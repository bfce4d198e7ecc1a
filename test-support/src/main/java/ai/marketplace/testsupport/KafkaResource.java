package ai.marketplace.testsupport;

import java.util.HashMap;
import java.util.Map;

import ai.marketplace.testsupport.kafka.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A real in-process KRaft broker for a Quarkus test run, with a {@link KafkaCompanion} injected into
 * {@code @InjectKafkaCompanion} fields. Init arg {@code topics}: comma-separated topics to create up front.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String bootstrap;
    private EmbeddedKafka kafka;
    private KafkaCompanion companion;
    private String[] topics = new String[0];

    @Override
    public void init(Map<String, String> initArgs) {
        String t = initArgs.get("topics");
        if (t != null && !t.isBlank()) {
            topics = t.split("\\s*,\\s*");
        }
    }

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.start();
        if (topics.length > 0) {
            kafka.createTopics(3, topics);
        }
        companion = new KafkaCompanion(kafka.bootstrapServers());
        bootstrap = kafka.bootstrapServers();
        Map<String, String> config = new HashMap<>(kafka.quarkusConfig());
        // Consumers of a fresh test broker must see records published before they joined.
        config.put("kafka.auto.offset.reset", "earliest");
        return config;
    }

    /** The running broker's bootstrap servers, for {@link TopicReader} and plain clients in tests. */
    public static String bootstrapServers() {
        if (bootstrap == null) {
            throw new IllegalStateException("KafkaResource is not started");
        }
        return bootstrap;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(io.quarkus.test.kafka.InjectKafkaCompanion.class,
                        KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
