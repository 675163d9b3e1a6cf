package mind.aiagent.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import mind.aiagent.api.AiAgentCreated;
import mind.aiagent.api.AiAgentView;
import mind.aiagent.domain.AiAgent;
import mind.aiagent.domain.AiAgentEnums.AiAgentChannel;
import mind.aiagent.domain.AiAgentEnums.Intelligence;
import mind.aiagent.domain.Slugs;
import mind.aiagent.repository.AiAgentRepository;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;

@ApplicationScoped
public class AiAgentService {

    /** enneo's text: agents were once called intent descriptions. */
    static final String NOT_FOUND = "Intent description not found";

    private final AiAgentRepository agents;
    private final AdvisoryLocks locks;
    private final Clock clock;

    public AiAgentService(AiAgentRepository agents, AdvisoryLocks locks, Clock clock) {
        this.agents = agents;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * Creates an agent. Without a slug, one is derived from the name and made unique with a numeric
     * suffix; an explicit slug that is taken is a conflict, because clients refer to agents by it.
     */
    @Transactional
    public AiAgentCreated create(NewAiAgent data, String createdBy) {
        String slug;
        if (data.slug() != null) {
            lockSlugFamily(Slugs.family(data.slug()));
            if (agents.slugExists(data.slug())) {
                throw ApiException.conflict("duplicate_slug", "An AI agent with slug '" + data.slug() + "' already exists");
            }
            slug = data.slug();
        } else {
            String base = Slugs.fromName(data.name());
            lockSlugFamily(Slugs.family(base));
            slug = Slugs.firstFree(base, agents.slugsLike(base));
        }

        AiAgent agent = new AiAgent();
        agent.slug = slug;
        agent.name = data.name().strip();
        agent.description = data.description();
        agent.tagId = data.tagId();
        if (data.channels() != null) agent.channels = normalizedChannels(data.channels());
        agent.intelligence = data.intelligence() == null ? Intelligence.rulebased : data.intelligence();
        if (present(data.appearance())) agent.appearance = data.appearance();
        if (data.exampleTicketIds() != null) agent.exampleTicketIds = new ArrayList<>(new LinkedHashSet<>(data.exampleTicketIds()));
        if (present(data.settings())) agent.settings = data.settings();
        if (data.enabled() != null) agent.enabled = data.enabled();
        agent.createdBy = createdBy;
        agent.createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        agents.persist(agent);
        return new AiAgentCreated(true, agent.id, agent.slug);
    }

    /**
     * By numeric id, or else by slug: enneo's path parameter is a string that may be either. The view
     * and the version (for the ETag) are read on a read-only session.
     */
    @ReadOnly
    public Versioned<AiAgentView> get(String idOrSlug) {
        Optional<AiAgent> found = idOrSlug.matches("\\d{1,18}")
                ? agents.findByIdOptional(Long.parseLong(idOrSlug))
                : agents.findBySlug(idOrSlug);
        AiAgent agent = found.orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        return new Versioned<>(AiAgentView.of(agent), agent.version);
    }

    /** Duplicates dropped; {@code all} already covers every channel, so it stands alone. */
    static List<AiAgentChannel> normalizedChannels(List<AiAgentChannel> channels) {
        if (channels.contains(AiAgentChannel.all)) {
            return new ArrayList<>(List.of(AiAgentChannel.all));
        }
        return new ArrayList<>(new LinkedHashSet<>(channels));
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    /**
     * Serializes, until the transaction ends, the creates whose slugs could collide (see
     * {@link Slugs#family}), so that concurrent creates of one name get distinct suffixes instead
     * of a unique-index failure.
     */
    private void lockSlugFamily(String family) {
        locks.lock("slug", family);
    }
}
