package ai.marketplace.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.chain.HardhatNode;
import ai.marketplace.testsupport.kafka.EmbeddedKafka;
import ai.marketplace.testsupport.postgres.EmbeddedPostgresServer;

/** The embedded parts are real servers: each is driven through its own protocol. */
class EmbeddedInfrastructureTest {

    @Test
    void postgresServesSqlAndKeepsDataAcrossRestart() throws Exception {
        try (var pg = EmbeddedPostgresServer.startEphemeral()) {
            pg.createDatabaseIfMissing("probe");
            String url = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/probe";
            try (var c = DriverManager.getConnection(url, "postgres", "postgres"); var st = c.createStatement()) {
                st.execute("create table t (n numeric(78,0))");
                st.execute("insert into t values (115792089237316195423570985008687907853269984665640564039457584007913129639935)");
                var rs = st.executeQuery("select current_setting('server_version_num')::int");
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(170000);
            }
            pg.restart();
            try (var c = DriverManager.getConnection(url, "postgres", "postgres"); var st = c.createStatement()) {
                var rs = st.executeQuery("select n::text from t");
                rs.next();
                assertThat(rs.getString(1)).startsWith("1157920892373161954235709850086879078532699846656405640394575840079");
            }
        }
    }

    @Test
    void kafkaDeliversWhatItAcknowledged() throws Exception {
        try (var kafka = EmbeddedKafka.start()) {
            kafka.createTopics(1, "probe");
            Properties pp = new Properties();
            pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            pp.put(ProducerConfig.ACKS_CONFIG, "all");
            try (var producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("probe", "k", "hello")).get();
            }
            Properties cp = new Properties();
            cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            cp.put(ConsumerConfig.GROUP_ID_CONFIG, "probe");
            cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (var consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("probe"));
                String value = null;
                for (int i = 0; i < 600 && value == null; i++) {
                    for (var r : consumer.poll(Duration.ofMillis(100))) {
                        value = r.value();
                    }
                }
                assertThat(value).isEqualTo("hello");
            }
        }
    }

    @Test
    void hardhatAnswersJsonRpcAsChain1337() throws Exception {
        try (var chain = HardhatNode.start()) {
            assertThat(chain.rpcResult("eth_chainId")).isEqualTo("0x539");
            String before = chain.rpcResult("eth_blockNumber");
            chain.rpcResult("evm_mine");
            assertThat(Long.decode(chain.rpcResult("eth_blockNumber"))).isEqualTo(Long.decode(before) + 1);
        }
    }
}
