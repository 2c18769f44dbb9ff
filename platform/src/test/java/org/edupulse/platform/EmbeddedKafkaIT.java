package org.edupulse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.startEphemeral();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldProvisionTheCatalogWithItsConfigurationAndNothingTwice() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            final TopicProvisioner provisioner = new TopicProvisioner(admin, (short) 1);

            final Set<String> created = provisioner.provision(Topics.ALL);
            final Set<String> createdAgain = provisioner.provision(Topics.ALL);

            assertThat(created).hasSize(Topics.ALL.size());
            assertThat(createdAgain).isEmpty();
            final ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DEVICE_EVENTS.name());
            final ConfigResource out = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DISTRICT_INDICATORS.name());
            final Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(raw, out)).all().get();
            assertThat(configs.get(raw).get("retention.ms").value()).isEqualTo("-1");
            assertThat(configs.get(raw).get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
            assertThat(configs.get(out).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(Topics.DEVICE_EVENTS.name())).allTopicNames().get()
                    .get(Topics.DEVICE_EVENTS.name()).partitions()).hasSize(Topics.EVENT_PARTITIONS);
        }
    }

    @Test
    void shouldCommitTransactionsOnASingleNode() {
        final String topic = Topics.DEAD_LETTER.name();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).provision(List.of(Topics.DEAD_LETTER));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-it"),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-kafka-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            final List<String> values = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("committed");
        }
    }
}
