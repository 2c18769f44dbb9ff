package org.edupulse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaClusterIT {

    @Test
    void shouldReplicateThreeWaysAndKeepServingWhileABrokerRestarts() throws Exception {
        // Given a three-broker cluster and a topic with replication factor 3
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("replicated", 3, (short) 3))).all().get();
            // ... and the catalog provisioned with the cluster's own default replication factor
            new TopicProvisioner(admin, TopicProvisioner.BROKER_DEFAULT).provision(List.of(Topics.DEAD_LETTER));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(admin
                    .describeTopics(List.of(Topics.DEAD_LETTER.name())).allTopicNames().get()
                    .get(Topics.DEAD_LETTER.name()).partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3)));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                final TopicDescription description = admin.describeTopics(List.of("replicated")).allTopicNames().get()
                        .get("replicated");
                assertThat(description.partitions()).hasSize(3)
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            });

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                // When one broker is stopped between two halves of the writes, then started again
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("replicated", "k" + i, "v" + i)).get();
                }
                cluster.stopBroker(2);
                for (int i = 100; i < 200; i++) {
                    producer.send(new ProducerRecord<>("replicated", "k" + i, "v" + i)).get();
                }
                cluster.startBroker(2);
            }

            // Then every write is readable, and the restarted broker is back in every ISR
            final List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "cluster-it",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("replicated"));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                    return values.size() >= 200;
                });
            }
            assertThat(values).hasSize(200).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                    admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated").partitions())
                    .allSatisfy(p -> assertThat(p.isr()).hasSize(3)));
        }
    }
}
