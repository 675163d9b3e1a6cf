package mind.aiagent.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.security.identity.SecurityIdentity;
import mind.aiagent.domain.AiAgentEnums.Category;
import mind.aiagent.domain.AiAgentEnums.CategoryFilter;
import mind.aiagent.domain.AiAgentEnums.ExecutorType;
import mind.aiagent.domain.AiAgentEnums.ListFormat;
import mind.aiagent.service.AiAgentService;
import mind.aiagent.service.DefaultAgents;
import mind.common.idempotency.Idempotent;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.paging.PageRequest;

@Path("/aiAgents")
@Tag(name = "AiAgent")
@Produces(MediaType.APPLICATION_JSON)
public class AiAgentsResource {

    static final List<String> SHORT = List.of("id", "name");
    static final List<String> MEDIUM = List.of("id", "name", "slug", "tagId", "intelligence", "channels", "category", "enabled");
    static final int MAX_Q = 200;

    private final AiAgentService service;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;
    private final DefaultAgents defaults;
    private final mind.aiagent.client.SettingsGateway settings;

    public AiAgentsResource(AiAgentService service, SecurityIdentity identity, ObjectMapper mapper, DefaultAgents defaults,
            mind.aiagent.client.SettingsGateway settings) {
        this.settings = settings;
        this.service = service;
        this.identity = identity;
        this.mapper = mapper;
        this.defaults = defaults;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "List of all available AI agents as an array", description = "Bare array. limit 1-1000 "
            + "(default 100), offset >= 0. categoryFilter all|intent|template (omitted: intent, the AI agents). "
            + "typeFilter sourceCode|apiCall|visualEditor keeps agents having an executor of that type. format "
            + "short (id, name), medium (id, name, slug, tagId, intelligence, channels, category, enabled) or full "
            + "(default: every AiAgent field). q (at most 200 characters, web-search syntax: words, \"phrases\", "
            + "-exclusions, or) matches name and description, best match first (name weighs more); without q the "
            + "order is by id. Executor secrets are masked unless showSecrets=true and the caller is admin or "
            + "holds updateAiAgent. Readable by admin, agent, serviceWorker and holders of updateAiAgent.")
    public List<JsonNode> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
            @QueryParam("categoryFilter") CategoryFilter categoryFilter, @QueryParam("typeFilter") ExecutorType typeFilter,
            @QueryParam("format") String format, @QueryParam("q") String q,
            @QueryParam("showSecrets") @DefaultValue("false") Boolean showSecrets) {
        ListFormat shape = ListFormat.parse(format);
        return views(limit, offset, categoryFilter, typeFilter, q, Boolean.TRUE.equals(showSecrets)).stream()
                .map(view -> shaped(view, shape))
                .toList();
    }

    private List<AiAgentView> views(Integer limit, Integer offset, CategoryFilter categoryFilter, ExecutorType typeFilter,
            String q, boolean showSecrets) {
        PageRequest page = PageRequest.of(limit, offset);
        String query = q == null || q.isBlank() ? null : q.strip();
        if (query != null && query.length() > MAX_Q) {
            throw ApiException.invalidField("q", "must be at most " + MAX_Q + " characters");
        }
        Category category = categoryFilter == null ? Category.intent
                : categoryFilter == CategoryFilter.all ? null : Category.valueOf(categoryFilter.name());
        boolean secrets = showSecrets && AiAgentResource.maySeeSecrets(identity);
        return service.list(category, typeFilter, query, page.limit(), page.offset(), secrets);
    }

    @GET
    @Path("/tree")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "List of all available AI agents as a tree based on associated tag", description = "Skill tags "
            + "from settings-svc (GET /tag?type=skill&format=full, with the caller's token), each with aiAgents (the "
            + "agents whose tagId is that tag, in the format asked) and children, nested by parent. Query parameters "
            + "as for GET /aiAgents (limit applies to the agents). enneo's example shows one root; with several roots "
            + "aiAgentsTree is the array of every root, and agents whose tag is no skill tag (or none) sit in a last "
            + "root with id null and name \"Without skill\". settings-svc down: 503.")
    public Map<String, Object> tree(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
            @QueryParam("categoryFilter") CategoryFilter categoryFilter, @QueryParam("typeFilter") ExecutorType typeFilter,
            @QueryParam("format") String format, @QueryParam("q") String q) {
        ListFormat shape = ListFormat.parse(format);
        List<AiAgentView> agents = views(limit == null ? PageRequest.DEFAULT_MAX : limit, offset, categoryFilter, typeFilter,
                q, false);
        JsonNode tags = settings.skillTags();
        Map<Long, ObjectNode> nodes = new LinkedHashMap<>();
        for (JsonNode tag : tags) {
            ObjectNode node = tag.deepCopy();
            node.putArray("aiAgents");
            node.putArray("children");
            nodes.put(tag.path("id").asLong(), node);
        }
        List<JsonNode> roots = new ArrayList<>();
        for (ObjectNode node : nodes.values()) {
            ObjectNode parent = node.hasNonNull("parent") ? nodes.get(node.get("parent").asLong()) : null;
            if (parent == null) roots.add(node);
            else ((com.fasterxml.jackson.databind.node.ArrayNode) parent.get("children")).add(node);
        }
        ObjectNode untagged = mapper.createObjectNode();
        untagged.putNull("id");
        untagged.put("name", "Without skill");
        untagged.putArray("aiAgents");
        untagged.putArray("children");
        for (AiAgentView agent : agents) {
            ObjectNode home = agent.tagId() == null ? null : nodes.get(agent.tagId());
            ((com.fasterxml.jackson.databind.node.ArrayNode) (home == null ? untagged : home).get("aiAgents"))
                    .add(shaped(agent, shape));
        }
        if (!untagged.get("aiAgents").isEmpty()) roots.add(untagged);
        return Map.of("success", true, "aiAgentsTree", roots);
    }

    @GET
    @Path("/availableDefaults")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get list of available default AI Agents", description = "The catalogue shipped with the "
            + "service (meter reading, bank data, address, instalment, contract cancellation): "
            + "{success:true, availableAiAgents:[{name, slug, description, intelligence}]}.")
    public Map<String, Object> availableDefaults() {
        List<Map<String, Object>> list = defaults.all().stream().map(d -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", d.get("name").asText());
            item.put("slug", d.get("slug").asText());
            item.put("description", d.path("description").asText(null));
            item.put("intelligence", d.path("intelligence").asText("rulebased"));
            return item;
        }).toList();
        return Map.of("success", true, "availableAiAgents", list);
    }

    @GET
    @Path("/samples")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "List sample AI Agents", description = "The catalogue of GET /aiAgents/availableDefaults "
            + "with every agent whole, to look at or copy before loading: a bare array [{id, slug, name, "
            + "description, intelligence, channels, settings{executor, parameters, responseCases, detectionDetails, "
            + "personality}}], in catalogue order (no success envelope: clients read it as an array). id is the "
            + "sample's own number in the catalogue, not an agent's id. "
            + "Readable by admin, agent, serviceWorker and holders of updateAiAgent.")
    public List<ObjectNode> samples() {
        return defaults.all().stream().map(DefaultAgents::sample).toList();
    }

    @GET
    @Path("/samples/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get a sample AI Agent", description = "One sample of GET /aiAgents/samples by its id or "
            + "slug, its fields at the top level next to success:true (as GET /aiAgent/{id} answers an agent). "
            + "Unknown: 404 \"Sample not found\".")
    public JsonNode sample(@PathParam("id") String id) {
        ObjectNode sample = defaults.find(id).map(DefaultAgents::sample)
                .orElseThrow(() -> ApiException.notFound("Sample not found"));
        ObjectNode answer = mapper.createObjectNode().put("success", true);
        answer.setAll(sample);
        return answer;
    }

    @POST
    @Path("/loadDefaults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Load default AI Agents", description = "Body optional: {\"slugs\":[...]} or a bare array of "
            + "slugs; without it every default is loaded. A default whose slug exists already is left as it is, so "
            + "loading again duplicates nothing. Unknown slug: 400 naming it. Answers {success:true, loaded:[slugs "
            + "created now], skipped:[slugs that existed]}. Needs admin or updateAiAgent.")
    public Map<String, Object> loadDefaults(JsonNode body) {
        JsonNode slugs = body == null || body.isNull() ? null : body.isArray() ? body : body.get("slugs");
        List<JsonNode> chosen = new ArrayList<>();
        if (slugs == null || slugs.isNull()) {
            chosen.addAll(defaults.all());
        } else {
            if (!slugs.isArray() || slugs.size() > 100) {
                throw ApiException.invalidField("slugs", "must be an array of at most 100 slugs");
            }
            for (int i = 0; i < slugs.size(); i++) {
                JsonNode d = slugs.get(i).isTextual() ? defaults.get(slugs.get(i).asText()) : null;
                if (d == null) {
                    throw ApiException.invalidField("slugs[" + i + "]", "is no default agent (see GET /aiAgents/availableDefaults)");
                }
                if (!chosen.contains(d)) chosen.add(d);
            }
        }
        List<String> loaded = service.loadDefaults(chosen, identity.getPrincipal().getName());
        List<String> skipped = chosen.stream().map(d -> d.get("slug").asText()).filter(s -> !loaded.contains(s)).toList();
        return Map.of("success", true, "loaded", loaded, "skipped", skipped);
    }

    private JsonNode shaped(AiAgentView view, ListFormat format) {
        ObjectNode node = mapper.valueToTree(view);
        node.remove("success");
        return switch (format) {
            case short_ -> node.retain(SHORT);
            case medium -> node.retain(MEDIUM);
            case full -> node;
        };
    }
}
