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

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.aiagent.api.AiAgentCreated;
import mind.aiagent.api.AiAgentPatch;
import mind.aiagent.api.AiAgentView;
import mind.aiagent.domain.AgentSettings;
import mind.aiagent.domain.AiAgent;
import mind.aiagent.domain.AiAgentEnums.AiAgentChannel;
import mind.aiagent.domain.AiAgentEnums.Category;
import mind.aiagent.domain.AiAgentEnums.ExecutorType;
import mind.aiagent.domain.AiAgentEnums.Intelligence;
import mind.aiagent.domain.Slugs;
import mind.aiagent.hooks.HookOutbox;
import mind.aiagent.hooks.HookOutbox.Change;
import mind.aiagent.repository.AiAgentRepository;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.common.persistence.IfMatch;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.common.validation.JsonObjectBounds;

@ApplicationScoped
public class AiAgentService {

    /** enneo's text: agents were once called intent descriptions. */
    static final String NOT_FOUND = "Intent description not found";

    /** As {@link AiAgentPatch}'s bounds on the body's {@code settings} and {@code appearance}. */
    static final JsonObjectBounds SETTINGS_BOUNDS = new JsonObjectBounds(512_000, 0);
    static final JsonObjectBounds APPEARANCE_BOUNDS = new JsonObjectBounds(16_384, 0);

    private final AiAgentRepository agents;
    private final AdvisoryLocks locks;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final AgentValidation validation;
    private final ExecutorSecretBox secrets;
    private final HookOutbox hookOutbox;

    public AiAgentService(AiAgentRepository agents, AdvisoryLocks locks, Clock clock, ObjectMapper mapper,
            Validator validator, AgentValidation validation, ExecutorSecretBox secrets, HookOutbox hookOutbox) {
        this.secrets = secrets;
        this.hookOutbox = hookOutbox;
        this.agents = agents;
        this.locks = locks;
        this.clock = clock;
        this.mapper = mapper;
        this.validator = validator;
        this.validation = validation;
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
                throw duplicateSlug(data.slug());
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
        agent.settings = AgentSettings.withDefaults(agent.settings);
        if (data.enabled() != null) agent.enabled = data.enabled();
        if (data.category() != null) agent.category = data.category();
        validation.check(agent);
        agent.settings = secrets.seal(agent.slug, agent.settings);
        agent.createdBy = createdBy;
        agent.createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        agents.persist(agent);
        hookOutbox.agentChanged(agent.id, agent.slug, agent.name, Change.created, createdBy, agent.createdAt, List.of());
        return new AiAgentCreated(true, agent.id, agent.slug);
    }

    /**
     * By numeric id, or else by slug: enneo's path parameter is a string that may be either. The view
     * and the version (for the ETag) are read on a read-only session.
     */
    @ReadOnly
    public Versioned<AiAgentView> get(String idOrSlug, boolean showSecrets) {
        AiAgent agent = find(idOrSlug);
        return new Versioned<>(view(agent, showSecrets), agent.version);
    }

    /** The agent as stored (secrets included), for running it; read-only. */
    @ReadOnly
    public AiAgentView load(String idOrSlug) {
        return view(find(idOrSlug), true);
    }

    /** A page of agents for {@code GET /aiAgents}, secrets masked unless asked for by someone who may. */
    @ReadOnly
    public List<AiAgentView> list(Category category, ExecutorType executorType, String q, int limit, int offset,
            boolean showSecrets) {
        return agents.page(category, executorType, q, limit, offset).stream()
                .map(a -> view(a, showSecrets))
                .toList();
    }

    /**
     * Applies a PATCH body: first its plain keys (the shared {@link mind.common.patch.Patch} semantics;
     * a {@code settings} or {@code appearance} object is deep-merged into the stored one, see {@link JsonMerge}),
     * then its dotted keys as JSON Pointers into {@code settings}/{@code appearance}, in the body's order,
     * wherever they stand in the body.
     * The result is validated as a whole (so a dotted key cannot smuggle in a broken condition) before
     * anything is stored. Records an {@code AiAgentChanged} event naming the fields whose value changed. Returns the new
     * version.
     *
     * @param actor the principal's name of the caller (a profile id), for the event's {@code changedBy}
     */
    @Transactional
    public long patch(String idOrSlug, JsonNode body, String ifMatch, String actor) throws JsonMappingException {
        if (body == null || !body.isObject()) {
            throw ApiException.invalidField("body", "must be a JSON object");
        }
        AiAgent agent = find(idOrSlug);
        IfMatch.check(ifMatch, agent.version, "The AI agent");

        ObjectNode plain = mapper.createObjectNode();
        Map<String, JsonNode> dotted = new java.util.LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (DottedPaths.isDotted(field.getKey())) {
                dotted.put(field.getKey(), field.getValue());
            } else {
                plain.set(field.getKey(), field.getValue());
            }
        }
        if (dotted.size() > 200) {
            throw ApiException.invalidField("body", "at most 200 dotted keys per PATCH");
        }
        AiAgentPatch patch;
        try {
            patch = mapper.treeToValue(plain, AiAgentPatch.class);
        } catch (JsonMappingException e) {
            throw e; // the shared mapper names the field
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.invalidField("body", "is not a valid AI agent update");
        }
        Set<ConstraintViolation<AiAgentPatch>> violations = validator.validate(patch);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }

        Map<String, JsonNode> before = plainFields(agent);
        // the slug first: its lock and query flush the session, which must not hold opened secrets then
        String sealedUnder = agent.slug;
        if (patch.slug().isSet() && !patch.slug().value().equals(agent.slug)) {
            String slug = patch.slug().value();
            lockSlugFamily(Slugs.family(slug));
            if (agents.slugExists(slug)) {
                throw duplicateSlug(slug);
            }
            agent.slug = slug;
        }
        // work on the plain values: masks sent back are replaced by them, and all is sealed again before
        // anything else can flush
        JsonNode storedSettings = secrets.open(sealedUnder, agent.settings);
        agent.settings = storedSettings == null ? null : storedSettings.deepCopy();
        patch.name().applyTo(v -> agent.name = v.strip());
        patch.description().applyTo(v -> agent.description = v);
        if (patch.description().isClear()) agent.description = null;
        patch.tagId().applyTo(v -> agent.tagId = v);
        if (patch.tagId().isClear()) agent.tagId = null;
        patch.channels().applyTo(v -> agent.channels = normalizedChannels(v));
        patch.intelligence().applyTo(v -> agent.intelligence = v);
        patch.category().applyTo(v -> agent.category = v);
        // settings and appearance: a plain object is merged into the stored one (JsonMerge), never replaces it
        patch.appearance().applyTo(v -> agent.appearance = JsonMerge.merge(agent.appearance, v));
        patch.exampleTicketIds().applyTo(v -> agent.exampleTicketIds = new ArrayList<>(new LinkedHashSet<>(v)));
        patch.settings().applyTo(v -> agent.settings = JsonMerge.merge(agent.settings, v));
        patch.enabled().applyTo(v -> agent.enabled = v);
        // before the dotted keys: settings.executor[0] of an agent without executors appends to the empty list
        agent.settings = AgentSettings.withDefaults(agent.settings);

        if (!dotted.isEmpty()) {
            // work on copies: the entity's JSON must only change once the whole body is known to be valid
            ObjectNode root = mapper.createObjectNode();
            root.set("settings", agent.settings == null ? mapper.createObjectNode() : agent.settings.deepCopy());
            root.set("appearance", agent.appearance == null ? mapper.createObjectNode() : agent.appearance.deepCopy());
            for (Map.Entry<String, JsonNode> entry : dotted.entrySet()) {
                JsonPointer pointer = DottedPaths.toPointer(entry.getKey());
                DottedPaths.set(root, pointer, entry.getKey(), entry.getValue());
            }
            agent.settings = root.get("settings");
            agent.appearance = root.get("appearance");
            if (!agent.settings.isObject()) {
                throw ApiException.invalidField("settings", "must be a JSON object");
            }
        }
        ExecutorSecrets.restoreMasked(storedSettings, agent.settings);
        // the bounds of a request's settings and appearance hold for what the merge and the dotted keys made
        SETTINGS_BOUNDS.check("settings", agent.settings);
        APPEARANCE_BOUNDS.check("appearance", agent.appearance);
        validation.check(agent);
        // compared while both are plain: only the field's name goes into the event, never a value
        List<String> changed = changedFields(before, plainFields(agent));
        if (!java.util.Objects.equals(storedSettings, agent.settings)) {
            changed.add("settings");
        }
        agent.settings = secrets.seal(agent.slug, agent.settings);
        agent.modifiedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        agents.flush();
        hookOutbox.agentChanged(agent.id, agent.slug, agent.name, Change.updated, actor, agent.modifiedAt,
                changed.stream().sorted().toList());
        return agent.version;
    }

    /**
     * Creates the default agents named by {@code slugs} (all when null) that do not exist yet; one that
     * exists (by slug) is left as it is, so loading twice changes nothing. Returns the slugs created.
     */
    @Transactional
    public List<String> loadDefaults(List<JsonNode> defaults, String createdBy) {
        List<String> created = new ArrayList<>();
        for (JsonNode d : defaults) {
            String slug = d.get("slug").asText();
            lockSlugFamily(Slugs.family(slug));
            if (agents.slugExists(slug)) {
                continue;
            }
            List<AiAgentChannel> channels = new ArrayList<>();
            d.path("channels").forEach(c -> channels.add(AiAgentChannel.valueOf(c.asText())));
            create(new NewAiAgent(d.get("name").asText(), d.path("description").asText(null), null,
                    channels.isEmpty() ? null : channels, Intelligence.valueOf(d.path("intelligence").asText("rulebased")),
                    slug, null, null, d.get("settings").deepCopy(), true, null), createdBy);
            created.add(slug);
        }
        return created;
    }

    /**
     * Deletes the agent; {@code If-Match} names the version the caller saw. Records an {@code AiAgentChanged} event.
     *
     * @param actor the principal's name of the caller (a profile id), for the event's {@code changedBy}
     */
    @Transactional
    public void delete(String idOrSlug, String ifMatch, String actor) {
        AiAgent agent = find(idOrSlug);
        IfMatch.check(ifMatch, agent.version, "The AI agent");
        agents.delete(agent);
        hookOutbox.agentChanged(agent.id, agent.slug, agent.name, Change.deleted, actor,
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS), List.of());
    }

    /** The agent's fields a PATCH may change, but {@code settings} (compared opened), as JSON. */
    private Map<String, JsonNode> plainFields(AiAgent agent) {
        Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
        fields.put("slug", mapper.valueToTree(agent.slug));
        fields.put("name", mapper.valueToTree(agent.name));
        fields.put("description", mapper.valueToTree(agent.description));
        fields.put("tagId", mapper.valueToTree(agent.tagId));
        fields.put("channels", mapper.valueToTree(agent.channels));
        fields.put("intelligence", mapper.valueToTree(agent.intelligence));
        fields.put("category", mapper.valueToTree(agent.category));
        fields.put("appearance", agent.appearance == null ? null : agent.appearance.deepCopy());
        fields.put("exampleTicketIds", mapper.valueToTree(agent.exampleTicketIds));
        fields.put("enabled", mapper.valueToTree(agent.enabled));
        return fields;
    }

    private static List<String> changedFields(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        List<String> changed = new ArrayList<>();
        before.forEach((name, value) -> {
            if (!java.util.Objects.equals(value, after.get(name))) {
                changed.add(name);
            }
        });
        return changed;
    }

    /** Secrets masked, or opened when asked for by a caller who may see them (the resource checks who may). */
    private AiAgentView view(AiAgent agent, boolean showSecrets) {
        return AiAgentView.of(agent, showSecrets ? secrets.open(agent.slug, agent.settings) : ExecutorSecrets.masked(agent.settings));
    }

    private AiAgent find(String idOrSlug) {
        Optional<AiAgent> found = idOrSlug.matches("\\d{1,18}")
                ? agents.findByIdOptional(Long.parseLong(idOrSlug))
                : idOrSlug.length() <= Slugs.MAX_LENGTH ? agents.findBySlug(idOrSlug) : Optional.empty();
        return found.orElseThrow(() -> ApiException.notFound(NOT_FOUND));
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

    /** 409 naming the field, as the other services' duplicates do. */
    private static ApiException duplicateSlug(String slug) {
        return new ApiException(409, "duplicate_slug", "An AI agent with slug '" + slug + "' already exists",
                List.of(new FieldError("slug", "is already taken by another AI agent")), null);
    }
}
