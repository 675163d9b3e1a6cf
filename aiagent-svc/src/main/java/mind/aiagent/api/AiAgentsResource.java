package mind.aiagent.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

    public AiAgentsResource(AiAgentService service, SecurityIdentity identity, ObjectMapper mapper) {
        this.service = service;
        this.identity = identity;
        this.mapper = mapper;
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
            @QueryParam("showSecrets") @DefaultValue("false") boolean showSecrets) {
        PageRequest page = PageRequest.of(limit, offset);
        ListFormat shape = ListFormat.parse(format);
        String query = q == null || q.isBlank() ? null : q.strip();
        if (query != null && query.length() > MAX_Q) {
            throw ApiException.invalidField("q", "must be at most " + MAX_Q + " characters");
        }
        Category category = categoryFilter == null ? Category.intent
                : categoryFilter == CategoryFilter.all ? null : Category.valueOf(categoryFilter.name());
        boolean secrets = showSecrets && AiAgentResource.maySeeSecrets(identity);
        return service.list(category, typeFilter, query, page.limit(), page.offset(), secrets).stream()
                .map(view -> shaped(view, shape))
                .toList();
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
