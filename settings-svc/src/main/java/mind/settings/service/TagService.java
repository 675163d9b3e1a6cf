package mind.settings.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.common.validation.JsonObjectBounds;
import mind.settings.api.TagPatch;
import mind.settings.api.TagRequest;
import mind.settings.api.TagView;
import mind.settings.config.PeopleConfig;
import mind.settings.domain.Tag;
import mind.settings.domain.TagEnums.TagColor;
import mind.settings.domain.TagEnums.TagReference;
import mind.settings.domain.TagEnums.TagType;
import mind.settings.domain.TagEnums.TagVisibility;
import mind.settings.repository.ProfileRepository;
import mind.settings.repository.TagRepository;

/**
 * Tags: a forest whose fullNames come from the parent chain. Parent changes are serialized by one
 * advisory lock, so two concurrent moves cannot build a cycle that neither saw alone.
 */
@ApplicationScoped
public class TagService {

    private static final String TREE_LOCK = ProfileService.TAG_TREE_LOCK;

    private final TagRepository tags;
    private final ProfileRepository profiles;
    private final AdvisoryLocks locks;
    private final Clock clock;
    private final JsonObjectBounds jsonBounds;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final CurrentIdentityAssociation identity;

    public TagService(TagRepository tags, ProfileRepository profiles, AdvisoryLocks locks, Clock clock, PeopleConfig config,
            ObjectMapper mapper, Validator validator, CurrentIdentityAssociation identity) {
        this.tags = tags;
        this.profiles = profiles;
        this.locks = locks;
        this.clock = clock;
        this.jsonBounds = new JsonObjectBounds(config.maxTagJsonBytes(), config.maxTagJsonKeys());
        this.mapper = mapper;
        this.validator = validator;
        this.identity = identity;
    }

    /** What {@code GET /tag} and {@code GET /tag/tree} select. */
    public record TagFilter(Set<TagType> types, String q, boolean includeDisabled) {
    }

    /** Matching tags, in id order, with fullNames from every tag's chain (one query for all tags). */
    @ReadOnly
    public List<TagView> list(TagFilter filter) {
        List<Tag> all = tags.all();
        Map<Long, String> fullNames = fullNames(all);
        String q = filter.q() == null || filter.q().isBlank() ? null : filter.q().strip().toLowerCase(Locale.ROOT);
        List<TagView> result = new ArrayList<>();
        for (Tag t : all) {
            if (!filter.includeDisabled() && t.visibility == TagVisibility.disabled) {
                continue;
            }
            if (!filter.types().isEmpty() && !filter.types().contains(t.type)) {
                continue;
            }
            String fullName = fullNames.get(t.id);
            if (q != null && !t.name.toLowerCase(Locale.ROOT).contains(q) && !fullName.toLowerCase(Locale.ROOT).contains(q)) {
                continue;
            }
            result.add(TagView.of(t, fullName));
        }
        return result;
    }

    @ReadOnly
    public Versioned<TagView> get(long id, boolean includeDisabled) {
        Tag tag = tags.findById(id);
        if (tag == null || (!includeDisabled && tag.visibility == TagVisibility.disabled)) {
            throw notFound(id);
        }
        return new Versioned<>(TagView.of(tag, String.join(TagView.SEPARATOR, tags.namesFromRoot(id))), tag.version);
    }

    @Transactional
    public long create(TagRequest body) {
        jsonBounds.check("detectionDetails", body.detectionDetails());
        jsonBounds.check("testCase", body.testCase());
        Tag tag = new Tag();
        tag.name = body.name().strip();
        tag.type = body.type();
        tag.reference = body.reference() == null ? TagReference.ticket : body.reference();
        tag.visibility = body.visibility() == null ? TagVisibility.public_ : body.visibility();
        tag.color = body.color() == null ? TagColor.grey : body.color();
        tag.properties = body.properties() == null ? new ArrayList<>() : new ArrayList<>(body.properties());
        tag.complexity = body.complexity();
        tag.sla = body.sla();
        tag.priority = body.priority();
        tag.channels = body.channels() == null ? new ArrayList<>() : new ArrayList<>(body.channels());
        tag.subchannels = body.subchannels() == null ? new ArrayList<>() : new ArrayList<>(body.subchannels());
        tag.detectionDetails = body.detectionDetails() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(body.detectionDetails());
        tag.assignment = body.assignment() == null ? new ArrayList<>() : new ArrayList<>(body.assignment());
        tag.testCase = body.testCase();
        if (body.parent() != null) {
            locks.lock(TREE_LOCK, "all");
            checkParent("parent", null, body.parent());
            tag.parentId = body.parent();
        }
        tag.createdAt = now();
        tag.modifiedAt = tag.createdAt;
        tag.modifiedBy = actor();
        tags.persist(tag);
        return tag.id;
    }

    /**
     * Applies a PATCH. {@code ifMatch} (the ETag's version) gives 412 when the tag has moved on since.
     * Field names in errors carry {@code fieldPrefix} ("" for PATCH, "_tag[ID]." for POST /settings).
     */
    @Transactional
    public Versioned<TagView> update(long id, TagPatch patch, Integer ifMatch) {
        return update(id, patch, ifMatch, "");
    }

    private Versioned<TagView> update(long id, TagPatch patch, Integer ifMatch, String fieldPrefix) {
        Tag tag = tags.findById(id);
        if (tag == null) {
            throw notFound(id);
        }
        Preconditions.check(ifMatch, tag.version);
        patch.detectionDetails().applyTo(v -> jsonBounds.check(fieldPrefix + "detectionDetails", v));
        patch.testCase().applyTo(v -> jsonBounds.check(fieldPrefix + "testCase", v));
        // a new name or place changes the fullName of every tag below, so each of them gets a new version; the
        // tree lock, taken before any row changes, keeps a concurrent move from slipping a tag in unseen
        boolean chainChanges = (patch.name().isSet() && !patch.name().value().strip().equals(tag.name))
                || (patch.parent().isPresent() && !Objects.equals(patch.parent().orElse(null), tag.parentId));
        if (chainChanges) {
            locks.lock(TREE_LOCK, "all");
        }
        if (patch.parent().isPresent()) {
            Long parent = patch.parent().orElse(null);
            if (parent != null && !parent.equals(tag.parentId)) {
                locks.lock(TREE_LOCK, "all");
                checkParent(fieldPrefix + "parent", id, parent);
            }
            tag.parentId = parent;
        }
        patch.name().applyTo(v -> tag.name = v.strip());
        patch.type().applyTo(v -> tag.type = v);
        patch.reference().applyTo(v -> tag.reference = v);
        patch.visibility().applyTo(v -> tag.visibility = v);
        patch.color().applyTo(v -> tag.color = v);
        patch.properties().applyTo(v -> tag.properties = new ArrayList<>(v));
        patch.complexity().applyTo(v -> tag.complexity = v);
        patch.sla().applyTo(v -> tag.sla = v);
        patch.priority().applyTo(v -> tag.priority = v);
        patch.channels().applyTo(v -> tag.channels = new ArrayList<>(v));
        patch.subchannels().applyTo(v -> tag.subchannels = new ArrayList<>(v));
        patch.detectionDetails().applyTo(v -> tag.detectionDetails = new LinkedHashMap<>(v));
        patch.assignment().applyTo(v -> tag.assignment = new ArrayList<>(v));
        patch.testCase().applyTo(v -> tag.testCase = v == null ? null : new LinkedHashMap<>(v));
        tag.modifiedAt = now();
        tag.modifiedBy = actor();
        if (chainChanges) {
            tags.touchDescendants(id);
        }
        tags.flush(); // the new version for the ETag
        return new Versioned<>(TagView.of(tag, String.join(TagView.SEPARATOR, tags.namesFromRoot(id))), tag.version);
    }

    /**
     * One field of one tag, inside the caller's transaction: the {@code _tag[ID].field} keys of
     * {@code POST /settings}. The value is read and validated exactly as in {@code PATCH /tag/{id}};
     * errors name {@code _tag[ID].field}. {@code visibility: "enabled"} (as enneo's own examples write
     * it) means public.
     */
    @Transactional
    public void updateField(long id, String field, JsonNode value) {
        String prefix = "_tag[" + id + "].";
        if (!TagPatch.FIELDS.contains(field)) {
            throw ApiException.invalidField(prefix + field, "unknown tag field; one of " + TagPatch.FIELDS);
        }
        JsonNode given = value;
        if ("visibility".equals(field) && value != null && "enabled".equals(value.asText(null))) {
            given = TextNode.valueOf("public");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set(field, given == null ? JsonNodeFactory.instance.nullNode() : given);
        TagPatch patch;
        try {
            patch = mapper.treeToValue(body, TagPatch.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.invalidField(prefix + field, "is not a valid value for this field");
        }
        Set<ConstraintViolation<TagPatch>> violations = validator.validate(patch);
        if (!violations.isEmpty()) {
            throw ApiException.invalidField(prefix + field, violations.iterator().next().getMessage());
        }
        update(id, patch, null, prefix);
    }

    /** @throws ApiException 404 when there is no tag with this id */
    @ReadOnly
    public void requireTag(long id) {
        if (tags.findById(id) == null) {
            throw notFound(id);
        }
    }

    /**
     * Tests a tag's detection rules against a ticket's fields ({@link TagDetection}); a disabled tag is tested
     * too. {@code testTags} (unsaved tag settings) replaces the stored detectionDetails, channels and
     * subchannels when it has an entry for the tag. 404 for an unknown tag.
     */
    @ReadOnly
    public TagDetection.Outcome detect(long id, JsonNode testTags, JsonNode data) {
        Tag tag = tags.findById(id);
        if (tag == null) {
            throw notFound(id);
        }
        if (data != null && !data.isNull() && !data.isObject()) {
            throw ApiException.invalidField("data", "must be a JSON object of the ticket's fields");
        }
        if (data != null && data.isObject()) {
            jsonBounds.check("data", data);
        }
        JsonNode detection = mapper.valueToTree(tag.detectionDetails == null ? Map.of() : tag.detectionDetails);
        List<String> channels = tag.channels == null ? List.of() : List.copyOf(tag.channels);
        List<Long> subchannels = tag.subchannels == null ? List.of() : List.copyOf(tag.subchannels);
        List<String> alerts = new ArrayList<>();
        JsonNode test = testTag(id, testTags, alerts);
        if (test != null) {
            JsonNode given = test.path("detectionDetails");
            if (!given.isMissingNode() && !given.isNull()) {
                if (!given.isObject()) {
                    throw ApiException.invalidField("testTags.detectionDetails", "must be a JSON object");
                }
                jsonBounds.check("testTags.detectionDetails", given);
                detection = given;
            }
            if (test.path("channels").isArray()) {
                channels = new ArrayList<>();
                for (JsonNode c : test.get("channels")) {
                    channels.add(c.asText());
                }
            }
            if (test.path("subchannels").isArray()) {
                subchannels = new ArrayList<>();
                for (JsonNode c : test.get("subchannels")) {
                    if (!c.canConvertToLong()) {
                        throw ApiException.invalidField("testTags.subchannels", "must be an array of subchannel ids");
                    }
                    subchannels.add(c.longValue());
                }
            }
        }
        if (!detection.isObject()) {
            detection = mapper.createObjectNode();
        }
        TagDetection.Outcome outcome = TagDetection.test(detection, channels, subchannels,
                data == null || data.isNull() ? null : data);
        alerts.addAll(outcome.alerts());
        return new TagDetection.Outcome(outcome.match(), alerts, outcome.rules());
    }

    /** The entry of testTags for the tag, or null when testTags is absent (an alert when it has none for it). */
    private static JsonNode testTag(long id, JsonNode testTags, List<String> alerts) {
        if (testTags == null || testTags.isNull()) {
            return null;
        }
        if (!testTags.isObject() && !testTags.isArray()) {
            throw ApiException.invalidField("testTags", "must be a tag object or an array of them");
        }
        List<JsonNode> entries = new ArrayList<>();
        (testTags.isArray() ? testTags : JsonNodeFactory.instance.arrayNode().add(testTags)).forEach(entries::add);
        if (entries.stream().anyMatch(e -> !e.isObject())) {
            throw ApiException.invalidField("testTags", "must be a tag object or an array of them");
        }
        for (JsonNode entry : entries) {
            if (entry.path("id").canConvertToLong() && entry.get("id").longValue() == id) {
                return entry;
            }
        }
        List<JsonNode> withoutId = entries.stream().filter(e -> e.path("id").isMissingNode() || e.path("id").isNull()).toList();
        if (withoutId.size() == 1) {
            return withoutId.get(0);
        }
        alerts.add("testTags has no entry for tag " + id + "; its stored detection rules were tested");
        return null;
    }

    /**
     * Refuses (409 {@code tag_has_children}) to delete a tag with children rather than re-parenting
     * or deleting them: a client moves or deletes the children first. The tag leaves every profile's
     * skills and backlog restrictions in the same transaction, and each profile it leaves gets a new version.
     */
    @Transactional
    public void delete(long id, Integer ifMatch) {
        Tag tag = tags.findById(id);
        if (tag == null) {
            throw notFound(id);
        }
        Preconditions.check(ifMatch, tag.version);
        locks.lock(TREE_LOCK, "all");
        if (tags.hasChildren(id)) {
            throw ApiException.conflict("tag_has_children", "Tag " + id + " has child tags; move or delete them first");
        }
        profiles.forgetTag(id);
        tags.delete(tag);
    }

    /** The parent must exist, must not be the tag or below it, and the tree may not grow past MAX_DEPTH. */
    private void checkParent(String field, Long id, long parent) {
        List<Long> chain = tags.idsToRoot(parent);
        if (chain.isEmpty()) {
            throw ApiException.invalidField(field, "no tag with id " + parent);
        }
        if (id != null && chain.contains(id)) {
            throw ApiException.invalidField(field, "would make the tag its own ancestor (a cycle)");
        }
        int below = id == null ? 0 : tags.heightBelow(id);
        if (chain.size() + below + 1 > TagRepository.MAX_DEPTH) {
            throw ApiException.invalidField(field, "tags nest at most " + TagRepository.MAX_DEPTH + " levels deep");
        }
    }

    static Map<Long, String> fullNames(List<Tag> all) {
        Map<Long, Tag> byId = new HashMap<>();
        all.forEach(t -> byId.put(t.id, t));
        Map<Long, String> names = new HashMap<>();
        for (Tag t : all) {
            List<String> parts = new ArrayList<>();
            Tag at = t;
            // bounded: the write path never lets a chain grow past MAX_DEPTH or close a cycle
            for (int depth = 0; at != null && depth <= TagRepository.MAX_DEPTH; depth++) {
                parts.add(0, at.name);
                at = at.parentId == null ? null : byId.get(at.parentId);
            }
            names.put(t.id, String.join(TagView.SEPARATOR, parts));
        }
        return names;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private String actor() {
        var current = identity.getIdentity();
        return current == null || current.isAnonymous() ? null : current.getPrincipal().getName();
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("Tag " + id + " not found");
    }
}
