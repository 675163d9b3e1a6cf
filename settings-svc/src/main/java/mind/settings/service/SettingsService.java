package mind.settings.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.db.AdvisoryLocks;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.common.error.KnownFailures;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.common.secrets.SecretMask;
import mind.settings.api.SettingView;
import mind.settings.crypto.SecretBox;
import mind.settings.hooks.HookEvents;
import mind.settings.domain.EventType;
import mind.settings.domain.SettingDefinition;
import mind.settings.domain.StoredSetting;
import mind.settings.repository.SettingRepository;

/**
 * Reads and writes setting values against the registry: values validated by each setting's JSON Schema,
 * secret ones sealed at rest ({@link SecretBox}, context {@code setting:<name>}) and masked on read unless
 * revealed, writes serialized per setting so that concurrent writers never mix.
 */
@ApplicationScoped
public class SettingsService {

    /** Lock purpose under which the writes of one setting are serialized. */
    private static final String SETTING_WRITE = "setting.write";
    /** Most search results: more than the registry holds today. */
    static final int SEARCH_LIMIT = 50;
    /** Most words of a search taken into account. */
    static final int SEARCH_MAX_TERMS = 10;

    private final SettingRegistry registry;
    private final SettingRepository repository;
    private final SecretBox secretBox;
    private final AdvisoryLocks locks;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TagService tags;
    private final HookEvents hookEvents;

    public SettingsService(SettingRegistry registry, SettingRepository repository, SecretBox secretBox, AdvisoryLocks locks,
            ObjectMapper mapper, Clock clock, TagService tags, HookEvents hookEvents) {
        this.tags = tags;
        this.hookEvents = hookEvents;
        this.registry = registry;
        this.repository = repository;
        this.secretBox = secretBox;
        this.locks = locks;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * enneo's AI engine is called Cortex (clients filter with {@code filterByUsedBy=cortex}); here aiagent-svc
     * does that work, so {@code cortex} selects what aiagent reads.
     */
    static final Map<String, String> USED_BY_ALIASES = Map.of("cortex", "aiagent");

    /**
     * The filters of {@code GET /settings}; an empty set does not filter. Names match as case-insensitive
     * substrings (the plugin searches with part of a name), categories and services exactly.
     */
    public record Filter(Set<String> names, Set<String> categories, Set<String> usedBy) {

        boolean matches(SettingDefinition d) {
            String name = d.name().toLowerCase(Locale.ROOT);
            return (names.isEmpty() || names.stream().anyMatch(n -> name.contains(n.toLowerCase(Locale.ROOT))))
                    && (categories.isEmpty() || categories.contains(d.category()))
                    && (usedBy.isEmpty() || d.usedBy().stream().anyMatch(u -> usedBy.contains(u)
                            || USED_BY_ALIASES.entrySet().stream().anyMatch(a -> a.getValue().equals(u) && usedBy.contains(a.getKey()))));
        }
    }

    /**
     * The settings a filter selects, in name order, each with its version (0 while it has its default).
     *
     * @param reveal which secret settings are shown in clear; every other secret reads as the mask
     */
    @ReadOnly
    public List<Versioned<SettingView>> list(Filter filter, Predicate<SettingDefinition> reveal) {
        Map<String, StoredSetting> stored = repository.values();
        List<Versioned<SettingView>> views = new ArrayList<>();
        for (SettingDefinition definition : registry.all()) {
            if (filter.matches(definition)) {
                StoredSetting value = stored.get(definition.name());
                views.add(new Versioned<>(view(definition, value, reveal), value == null ? 0 : value.version()));
            }
        }
        return views;
    }

    /** name → value of every setting, in name order; secrets masked unless revealed. */
    @ReadOnly
    public Map<String, JsonNode> compact(Predicate<SettingDefinition> reveal) {
        Map<String, StoredSetting> stored = repository.values();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (SettingDefinition definition : registry.all()) {
            values.put(definition.name(), valueOf(definition, stored.get(definition.name()), reveal));
        }
        return values;
    }

    /**
     * One setting's value with its secrets opened, for this service's own use (an event hook's run hands
     * {@code executorSecrets} to the executor); never for an answer. Empty when the name is unknown.
     */
    @ReadOnly
    public Optional<JsonNode> openedValue(String name) {
        return registry.find(name).map(d -> valueOf(d, repository.value(name).orElse(null), x -> true));
    }

    /** The settings of one category; 404 when no setting has that category. */
    @ReadOnly
    public List<SettingView> category(String category, Predicate<SettingDefinition> reveal) {
        if (!registry.categories().contains(category)) {
            throw ApiException.notFound("Setting category " + category + " not found; known categories: " + registry.categories());
        }
        return list(new Filter(Set.of(), Set.of(category), Set.of()), reveal).stream().map(Versioned::value).toList();
    }

    /**
     * Settings matching a free-text query, best first: full-text rank over the camelCase-split name, the
     * category and the description (English stemming, each word also as a prefix), plus a bonus for a
     * name equal to, or starting with, the query with its spaces removed.
     */
    @ReadOnly
    public List<SettingView> search(String query, Predicate<SettingDefinition> reveal) {
        Set<String> terms = new LinkedHashSet<>();
        // split camelCase too, so q=lastAgent finds the words last and agent
        for (String word : query.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!word.isEmpty() && terms.size() < SEARCH_MAX_TERMS) {
                terms.add(word);
            }
        }
        if (terms.isEmpty()) {
            throw ApiException.invalidField("q", "must contain a letter or digit");
        }
        String tsquery = String.join(" | ", terms.stream().map(t -> t + ":*").toList());
        String compact = query.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        Map<String, StoredSetting> stored = repository.values();
        List<SettingView> views = new ArrayList<>();
        for (String name : repository.search(tsquery, compact, SEARCH_LIMIT)) {
            registry.find(name).ifPresent(d -> views.add(view(d, stored.get(name), reveal)));
        }
        return views;
    }

    /**
     * Writes one setting. A secret setting sent as the mask keeps its stored value (the client sent back
     * what it read). Returns the setting's version afterwards.
     *
     * @param ifMatch the versions If-Match accepts, or null for last-writer-wins
     */
    @Transactional
    public long put(String name, JsonNode value, Set<Long> ifMatch, SecurityIdentity caller) {
        SettingDefinition definition = registry.find(name)
                .orElseThrow(() -> ApiException.notFound("Setting " + name + " not found"));
        if (!SecretAccess.mayChange(caller, definition)) {
            throw new ApiException(403, "forbidden", "Changing setting " + name + " needs the admin role");
        }
        boolean keep = keepsStored(definition, value);
        if (!keep) {
            List<SettingRegistry.Violation> violations = registry.violations(definition, value);
            if (!violations.isEmpty()) {
                throw invalid(violations.stream().map(v -> new FieldError(v.field(), v.message())).toList(),
                        ApiException.VALIDATION_FAILED);
            }
        }
        locks.lock(SETTING_WRITE, name);
        long current = repository.value(name).map(StoredSetting::version).orElse(0L);
        if (ifMatch != null && !ifMatch.contains(current)) {
            throw new ApiException(412, KnownFailures.PRECONDITION_FAILED,
                    "Setting " + name + " is at version " + current + ", not the one named in If-Match; read it again");
        }
        return keep ? current : write(definition, value, caller);
    }

    /**
     * Writes several settings at once, all or nothing: every key is checked before anything is written,
     * and a 400 names every bad key. The settings are locked in name order, so two concurrent requests
     * writing the same settings are applied one after the other, never interleaved.
     */
    @Transactional
    public void putAll(ObjectNode values, SecurityIdentity caller) {
        Map<String, JsonNode> settings = new TreeMap<>();
        Map<TagFieldKey, JsonNode> tagFields = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (TagFieldKey.looksLikeTagKey(key)) {
                Optional<TagFieldKey> tagField = TagFieldKey.parse(key);
                if (tagField.isEmpty()) {
                    errors.add(new FieldError(key, "is not of the form _tag[ID].field"));
                    continue;
                }
                if (!caller.hasRole(Roles.ADMIN)) {
                    // tags are changed by admins only, whichever endpoint carries the change
                    forbidden.add(key);
                    continue;
                }
                tagFields.put(tagField.get(), entry.getValue());
                continue;
            }
            Optional<SettingDefinition> definition = registry.find(key);
            if (definition.isEmpty()) {
                errors.add(new FieldError(key, "is not a known setting"));
                continue;
            }
            if (!SecretAccess.mayChange(caller, definition.get())) {
                forbidden.add(key);
                continue;
            }
            if (keepsStored(definition.get(), entry.getValue())) {
                continue;
            }
            for (SettingRegistry.Violation v : registry.violations(definition.get(), entry.getValue())) {
                errors.add(new FieldError(v.field(), v.message()));
            }
            settings.put(key, entry.getValue());
        }
        if (!forbidden.isEmpty()) {
            throw new ApiException(403, "forbidden", "Changing settings " + forbidden + " needs the admin role",
                    forbidden.stream().map(k -> new FieldError(k, "needs the admin role")).toList(), null);
        }
        if (!errors.isEmpty()) {
            throw invalid(errors, ApiException.VALIDATION_FAILED);
        }
        for (String name : settings.keySet()) {
            locks.lock(SETTING_WRITE, name);
        }
        for (Map.Entry<String, JsonNode> entry : settings.entrySet()) {
            write(registry.find(entry.getKey()).orElseThrow(), entry.getValue(), caller);
        }
        tagFields.forEach(this::applyTagField);
    }

    /**
     * Where a {@code _tag[ID].field} key of {@code POST /settings} takes effect: the tag's PATCH for that
     * one field, inside the settings' transaction, so a bad tag value (400 naming the key) or an unknown
     * tag (404) rolls the settings back too.
     */
    void applyTagField(TagFieldKey key, JsonNode value) {
        tags.updateField(key.tagId(), key.field(), value);
    }

    private static ApiException invalid(List<FieldError> errors, String code) {
        StringBuilder message = new StringBuilder();
        for (FieldError e : errors) {
            message.append(message.isEmpty() ? "" : "; ").append(e.field()).append(": ").append(e.message());
        }
        return new ApiException(400, code, message.toString(), errors, null);
    }

    /** A secret sent back as the mask means "unchanged". */
    private static boolean keepsStored(SettingDefinition definition, JsonNode value) {
        return definition.secret() && value != null && value.isTextual() && SecretMask.MASK.equals(value.textValue());
    }

    private long write(SettingDefinition definition, JsonNode value, SecurityIdentity caller) {
        String json = text(value);
        String stored = definition.secret() ? text(TextNode.valueOf(secretBox.seal(json, definition.sealContext()))) : json;
        String by = caller.isAnonymous() ? null : caller.getPrincipal().getName();
        long version = repository.save(definition.name(), stored, Instant.now(clock).truncatedTo(ChronoUnit.MICROS), by);
        // the name only: a hook's function reads the value through the API, with its own rights (secrets stay here)
        hookEvents.emit(EventType.SettingChanged, "setting-" + definition.name() + "-v" + version,
                Map.of("name", definition.name(), "version", version));
        return version;
    }

    private SettingView view(SettingDefinition d, StoredSetting stored, Predicate<SettingDefinition> reveal) {
        return new SettingView(d.name(), valueOf(d, stored, reveal), d.category(), d.type(), d.defaultValue(), d.secret(),
                d.usedBy(), d.description());
    }

    private JsonNode valueOf(SettingDefinition d, StoredSetting stored, Predicate<SettingDefinition> reveal) {
        if (d.secret() && !reveal.test(d)) {
            return TextNode.valueOf(SecretMask.MASK);
        }
        if (stored == null) {
            return d.defaultValue();
        }
        JsonNode value = parse(stored.valueJson());
        return d.secret() ? parse(secretBox.open(value.textValue(), d.sealContext())) : value;
    }

    private String text(JsonNode value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            // no cause: the parser's message quotes the text, which may be an opened secret
            throw new IllegalStateException("a stored setting value is not JSON");
        }
    }
}
