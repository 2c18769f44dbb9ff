package org.edupulse.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a Kafka Streams application is live or catching up, from its lag: the records of its input
 * partitions (raw topics and repartition topics) past its committed offsets (from their start where it
 * has not committed yet), summed. It starts catching
 * up at {@link #CATCH_UP_LAG} records and is live again under {@link #LIVE_LAG}. {@link CommitPacing}
 * commits soon while live and leaves the commits to {@code commit.interval.ms} while catching up.
 *
 * <p>Taken between the committed offsets and the partitions' read_committed ends, the lag counts what
 * the application has not finished: records not yet fetched, and those fetched and waiting in its
 * buffers (a fetch brings up to 1 MB per partition, some ten thousand raw events, so the consumers' own
 * fetch lag is near zero long before a backlog is read). Summed, because a backlog moves between
 * partitions as it goes down the steps: one partition's lag rose and fell under a few thousand records
 * while the province's history was being read. Live at 1,000 events/s an event makes about 18 records
 * (the bench's count), so by that count the lag is a few hundred at the live interval and at most about
 * 18,000 over one catch-up interval of 1 s, often under {@link #LIVE_LAG} (an estimate, not measured
 * live); a backlog (a restart after downtime, a first start over
 * the whole log, a school's bulk import) keeps it far above until the last second or so of its work. It
 * is the application's, over all its instances. Live until the first look, and while the lag cannot be
 * read it keeps what it last found.
 */
public final class CommitPace implements AutoCloseable {

    /** The lag, in records, from which a live application is catching up. */
    public static final long CATCH_UP_LAG = 20_000;

    /** The lag, in records, under which an application catching up is live again. */
    public static final long LIVE_LAG = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(CommitPace.class);

    private volatile boolean catchingUp;
    private ScheduledExecutorService watcher;

    /** False from a look at a lag of {@link #CATCH_UP_LAG} records until one under {@link #LIVE_LAG}. */
    public boolean live() {
        return !catchingUp;
    }

    /**
     * Looks at the application's lag every {@code every} (four requests to the broker) on a daemon thread
     * of its own, until
     * {@link #close()}.
     *
     * @param admin         a client of the application's cluster, closed by the caller after this
     * @param applicationId the application's id, its consumer group
     */
    public synchronized void watch(final Admin admin, final String applicationId, final Duration every) {
        if (watcher != null) {
            throw new IllegalStateException("already watching");
        }
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, applicationId + "-commit-pace");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                look(committedLag(admin, applicationId, every), applicationId);
            } catch (final ExecutionException | TimeoutException e) {
                LOG.debug("Could not read the lag of {}; still {}", applicationId, live() ? "live" : "catching up", e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes {@code lag} as the application's and logs each change between live and catching up. */
    void look(final long lag, final String applicationId) {
        final boolean behind = lag >= (catchingUp ? LIVE_LAG : CATCH_UP_LAG);
        if (behind != catchingUp) {
            catchingUp = behind;
            if (behind) {
                LOG.info("{} is catching up ({} records past its commits): it commits at commit.interval.ms",
                        applicationId, lag);
            } else {
                LOG.info("{} is live ({} records past its commits): it commits soon after processing",
                        applicationId, lag);
            }
        }
    }

    /**
     * The records between the group's committed offsets and the read_committed ends, summed over the
     * partitions its members are assigned; a partition it has not committed on yet counts from its
     * start, so that the first commits of a backlog do not make it look small. 0 with no member.
     */
    static long committedLag(final Admin admin, final String groupId, final Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        final Set<TopicPartition> assigned = new HashSet<>();
        admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).members()
                .forEach(member -> assigned.addAll(member.assignment().topicPartitions()));
        if (assigned.isEmpty()) {
            return 0;
        }
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        final Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
        final Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (final TopicPartition partition : assigned) {
            ends.put(partition, OffsetSpec.latest());
            if (committed.get(partition) == null) {
                starts.put(partition, OffsetSpec.earliest());
            }
        }
        final ListOffsetsOptions readCommitted = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(ends, readCommitted)
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = starts.isEmpty() ? Map.of()
                : admin.listOffsets(starts, readCommitted).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long lag = 0;
        for (final TopicPartition partition : assigned) {
            final long from = committed.get(partition) != null ? committed.get(partition).offset()
                    : start.get(partition).offset();
            lag += Math.max(0, end.get(partition).offset() - from);
        }
        return lag;
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            try {
                // The admin client is closed after this: no look may still use it.
                watcher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
