package mind.settings.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import mind.settings.domain.SettingDefinition;
import mind.settings.repository.SettingRepository;

/**
 * The known settings and their compiled JSON Schemas. Definitions change only by migration (and so only
 * with a deployment), so they are read from {@code setting_definition} once, on first use, and kept.
 */
@ApplicationScoped
public class SettingRegistry {

    /** A definition with its compiled schema. */
    record Entry(SettingDefinition definition, Schema schema) {
    }

    private final SettingRepository repository;
    private final ObjectMapper mapper;
    private volatile Map<String, Entry> entries;

    public SettingRegistry(SettingRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    /** Every definition in name order. */
    public List<SettingDefinition> all() {
        return entries().values().stream().map(Entry::definition).toList();
    }

    public Optional<SettingDefinition> find(String name) {
        Entry entry = name == null ? null : entries().get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.definition());
    }

    /** The categories that have at least one setting. */
    public Set<String> categories() {
        Set<String> categories = new TreeSet<>();
        entries().values().forEach(e -> categories.add(e.definition().category()));
        return categories;
    }

    /**
     * What is wrong with a value for a setting, as (path, message) pairs; empty when it is valid. The
     * path is the setting's name, followed by the place inside the value for structured values
     * ({@code acdQueues[0].name}).
     */
    public List<Violation> violations(SettingDefinition definition, JsonNode value) {
        Schema schema = entries().get(definition.name()).schema();
        String text;
        try {
            text = mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return List.of(new Violation(definition.name(), "is not a JSON value"));
        }
        List<Violation> violations = new ArrayList<>();
        for (Error error : schema.validate(text, InputFormat.JSON)) {
            violations.add(new Violation(path(definition.name(), error.getInstanceLocation().toString()), message(error)));
        }
        return violations;
    }

    /** One schema violation: where and what, never the value itself (it may be a secret). */
    public record Violation(String field, String message) {
    }

    /** {@code $[0].name} or {@code /0/name} (depending on the path type) below the setting's name. */
    private static String path(String name, String location) {
        String at = location == null ? "" : location.strip();
        if (at.startsWith("$")) {
            at = at.substring(1);
        } else if (at.startsWith("/")) {
            StringBuilder dotted = new StringBuilder();
            for (String part : at.substring(1).split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                dotted.append(part.chars().allMatch(Character::isDigit) ? "[" + part + "]" : "." + part);
            }
            at = dotted.toString();
        }
        if (at.isEmpty()) {
            return name;
        }
        return name + (at.startsWith("[") || at.startsWith(".") ? at : "." + at);
    }

    /**
     * The validator's message without its leading instance location (which is in the field already) and
     * without any quoted value: an enum or pattern failure must not echo a secret.
     */
    private static String message(Error error) {
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "type" -> "must be of type " + keywordValue(error, keyword);
            case "enum" -> "must be one of " + keywordValue(error, keyword);
            case "pattern" -> "does not match the pattern " + keywordValue(error, keyword);
            default -> {
                String text = error.getMessage();
                if (text == null) {
                    text = keyword;
                }
                int colon = text.indexOf(": ");
                yield colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
            }
        };
    }

    /** The failing keyword's value in the schema (the error carries either it or the schema object around it). */
    private static String keywordValue(Error error, String keyword) {
        tools.jackson.databind.JsonNode node = error.getSchemaNode();
        if (node == null) {
            return "?";
        }
        tools.jackson.databind.JsonNode value = node.isObject() && node.has(keyword) ? node.get(keyword) : node;
        return value.isString() ? value.asString() : value.toString();
    }

    private Map<String, Entry> entries() {
        Map<String, Entry> loaded = entries;
        if (loaded == null) {
            synchronized (this) {
                loaded = entries;
                if (loaded == null) {
                    loaded = load();
                    entries = loaded;
                }
            }
        }
        return loaded;
    }

    /** Runs in the session of the first caller (a @ReadOnly or @Transactional service method). */
    private Map<String, Entry> load() {
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<String, Entry> loaded = new LinkedHashMap<>();
        for (SettingRepository.DefinitionRow row : repository.definitions()) {
            try {
                SettingDefinition definition = new SettingDefinition(row.name(), row.category(), row.type(),
                        mapper.readTree(row.defaultJson()), row.secret(), row.usedBy(), row.description(), row.schemaJson());
                loaded.put(row.name(), new Entry(definition, schemas.getSchema(row.schemaJson(), InputFormat.JSON)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("setting_definition " + row.name() + " holds an unreadable default", e);
            }
        }
        return java.util.Collections.unmodifiableMap(loaded);
    }

    /** The settings whose default does not satisfy their own schema (a migration mistake); empty normally. */
    public List<String> invalidDefaults() {
        List<String> invalid = new ArrayList<>();
        Collection<Entry> all = entries().values();
        for (Entry entry : all) {
            if (!violations(entry.definition(), entry.definition().defaultValue()).isEmpty()) {
                invalid.add(entry.definition().name());
            }
        }
        return invalid;
    }
}
