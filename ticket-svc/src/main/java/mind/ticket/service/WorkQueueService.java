package mind.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import mind.common.api.Channel;
import mind.common.error.ApiException;
import mind.common.persistence.ReadOnly;
import mind.common.time.ApiTime;
import mind.ticket.api.AgentQueueView;
import mind.ticket.api.GetLatestRequest;
import mind.ticket.api.GetLatestRequest.QueueDirection;
import mind.ticket.api.GetLatestResponse;
import mind.ticket.api.PingResponse;
import mind.ticket.api.TicketStatsView;
import mind.ticket.config.WorkQueueConfig;
import mind.ticket.domain.QueueFilter;
import mind.ticket.domain.Skills;
import mind.ticket.repository.WorkQueueRepository;

/**
 * The agent work queue's use cases. What settings-svc knows (order, lease, the caller's skills,
 * names) is read first, without a transaction; the claim itself is one short transaction in {@link Claims}.
 */
@ApplicationScoped
public class WorkQueueService {

    private final Claims claims;
    private final QueueSettings settings;
    private final WorkQueueRepository queue;
    private final WorkQueueConfig config;
    private final Clock clock;
    private final WorkedOnBy workedOnBy;

    public WorkQueueService(Claims claims, QueueSettings settings, WorkQueueRepository queue, WorkQueueConfig config, Clock clock,
            WorkedOnBy workedOnBy) {
        this.workedOnBy = workedOnBy;
        this.claims = claims;
        this.settings = settings;
        this.queue = queue;
        this.config = config;
        this.clock = clock;
    }

    public GetLatestResponse getLatest(String agentId, GetLatestRequest request) {
        GetLatestRequest body = request == null ? new GetLatestRequest(null, null, null) : request;
        QueueDirection direction = body.preferredDirection() == null ? QueueDirection.earliest : body.preferredDirection();
        if (direction != QueueDirection.earliest && body.ticketId() == null) {
            throw ApiException.invalidField("ticketId", "is required with preferredDirection " + direction);
        }
        if (body.ticketId() != null && body.ticketId() < 1) {
            throw ApiException.invalidField("ticketId", "must be a positive ticket id");
        }
        List<QueueFilter> filters = QueueFilters.parse(body.filters());
        Skills skills = settings.skills(agentId);
        Claims.Claim claim = claims.next(agentId, direction, direction == QueueDirection.earliest ? null : body.ticketId(),
                skills, filters, settings.order(), settings.leaseSeconds());
        return new GetLatestResponse(true, claim.ticketId(), ApiTime.format(claim.expiresAt()));
    }

    public PingResponse ping(long ticketId, String agentId) {
        Map<String, Instant> present = claims.ping(ticketId, agentId, settings.leaseSeconds());
        return new PingResponse(true, workedOnBy.users(present));
    }

    @ReadOnly
    public TicketStatsView stats() {
        Map<String, Map<String, Long>> breakdown = queue.unfinishedBreakdown();
        List<TicketStatsView.TagCount> tags = queue.unfinishedByTag(1000).stream()
                .map(row -> new TicketStatsView.TagCount(row[0], row[1])).toList();
        List<TicketStatsView.AgentCount> agents = breakdown.get("agent").entrySet().stream()
                .map(e -> new TicketStatsView.AgentCount(e.getKey() == null ? null : Long.valueOf(e.getKey()), e.getValue()))
                .sorted((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
                        : a.agentId() == null ? -1 : b.agentId() == null ? 1 : Long.compare(a.agentId(), b.agentId()))
                .toList();
        return new TicketStatsView(true, breakdown.get("").getOrDefault("total", 0L), queue.liveClaims(Instant.now(clock)),
                breakdown.get("status"), breakdown.get("channel"), breakdown.get("priority"), tags, agents, List.of());
    }

    /**
     * The queue as the caller sees it. {@code agentQueue} = waiting tickets / active agents;
     * {@code expectedWaitingTime[channel]} = ceil(waiting[channel] x handling[channel] / active agents),
     * where handling is the average claim-to-close time of the channel's recent closes (the
     * configured default when there are none); -1 for both when no agent is active.
     */
    public AgentQueueView agentQueue(String agentId) {
        Skills skills = settings.skills(agentId);
        return readQueue(skills);
    }

    @ReadOnly
    AgentQueueView readQueue(Skills skills) {
        Instant now = Instant.now(clock);
        Map<String, Long> waiting = queue.waitingByChannel(skills, now);
        long active = queue.activeAgents(now);
        Map<String, Double> handling = queue.handlingSecondsByChannel(now.minus(config.handlingWindow()), config.handlingSamples());
        long totalWaiting = waiting.values().stream().mapToLong(Long::longValue).sum();
        double agentQueue = active == 0 ? -1 : Math.round(totalWaiting * 100.0 / active) / 100.0;
        Map<String, Boolean> live = new LinkedHashMap<>();
        for (Channel realtime : List.of(Channel.chat, Channel.phone)) {
            live.put(realtime.name(), active > 0);
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        Map<String, Long> waitingAll = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            long n = waiting.getOrDefault(channel.name(), 0L);
            waitingAll.put(channel.name(), n);
            double seconds = handling.getOrDefault(channel.name(), (double) config.defaultHandlingSeconds());
            expected.put(channel.name(), active == 0 ? -1 : (long) Math.ceil(n * seconds / active));
        }
        return new AgentQueueView(agentQueue, live, expected, waitingAll, active, true);
    }
}
