package mind.settings.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.common.error.KnownFailures;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.settings.api.UserDefinedFunctionView;
import mind.settings.config.UdfConfig;
import mind.settings.domain.UdfType;
import mind.settings.domain.UserDefinedFunction;
import mind.settings.repository.EventHookRepository;
import mind.settings.repository.UserDefinedFunctionRepository;

@ApplicationScoped
public class UserDefinedFunctionService {

    /** Lock purpose under which creates of one name (lower-cased) are serialized. */
    private static final String NAME_LOCK = "udf.name";

    /** Only for measuring {@code parameters}: what Jackson read it can write again. */
    private static final ObjectMapper MEASURE = JsonMapper.builder().build();

    private final UserDefinedFunctionRepository functions;
    private final EventHookRepository hooks;
    private final AdvisoryLocks locks;
    private final Clock clock;
    private final UdfConfig limits;

    public UserDefinedFunctionService(UserDefinedFunctionRepository functions, EventHookRepository hooks, AdvisoryLocks locks,
            Clock clock, UdfConfig limits) {
        this.functions = functions;
        this.hooks = hooks;
        this.locks = locks;
        this.clock = clock;
        this.limits = limits;
    }

    /** @param type null means every type */
    @ReadOnly
    public List<UserDefinedFunctionView> list(UdfType type) {
        return functions.list(type).stream().map(UserDefinedFunctionView::of).toList();
    }

    @ReadOnly
    public Versioned<UserDefinedFunctionView> get(long id) {
        UserDefinedFunction function = functions.findByIdOptional(id).orElseThrow(() -> notFound(id));
        return new Versioned<>(UserDefinedFunctionView.of(function), function.version);
    }

    @Transactional
    public long create(NewUserDefinedFunction data) {
        checkBounds(data);
        // Without the lock two creates of one name would both pass the check; the second would then
        // meet the unique index, which names no field (it is on lower(name)).
        locks.lock(NAME_LOCK, data.name().toLowerCase(java.util.Locale.ROOT));
        if (functions.nameTaken(data.name())) {
            throw new ApiException(409, KnownFailures.DUPLICATE, "A user-defined function named " + data.name()
                    + " already exists (names are unique regardless of case)",
                    List.of(new FieldError("name", "is already taken by another user-defined function")), null);
        }
        UserDefinedFunction function = new UserDefinedFunction();
        function.name = data.name();
        function.type = data.type();
        function.language = data.language();
        function.code = data.code();
        function.packages = data.packages() == null ? "" : data.packages();
        function.parameters = isAbsent(data.parameters()) ? JsonNodeFactory.instance.objectNode() : data.parameters();
        function.createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        functions.persist(function);
        return function.id;
    }

    /**
     * Deletes the function; with {@code ifMatch} (versions from the ETag, see IfMatch.versions) only while it
     * still has one of them, else 412. A function an event hook runs is not deleted: 409 naming the hooks.
     */
    @Transactional
    public void delete(long id, java.util.Set<Long> ifMatch) {
        // the row lock waits for a hook being created for this function (it holds a share lock on the row), so
        // the check below sees that hook once it is committed; a hook created later finds the function gone
        UserDefinedFunction function = functions.findForUpdate(id).orElseThrow(() -> notFound(id));
        List<Long> usedBy = hooks.idsUsing(id);
        if (!usedBy.isEmpty()) {
            throw new ApiException(409, "udf_in_use", "User-defined function " + id + " is run by event hooks " + usedBy
                    + "; delete them first", List.of(new FieldError("id", "is the handler of event hooks " + usedBy)), null);
        }
        // the version condition sits in the DELETE itself, so a change committed after the read still counts
        if ((ifMatch != null && !ifMatch.contains(function.version)) || functions.deleteAtVersion(id, function.version) == 0) {
            throw new ApiException(412, KnownFailures.PRECONDITION_FAILED,
                    "The user-defined function was changed since the version named in If-Match; read it again");
        }
    }

    private void checkBounds(NewUserDefinedFunction data) {
        if (data.code().isBlank()) {
            throw ApiException.invalidField(data.codeField(), "must not be blank");
        }
        if (data.code().getBytes(StandardCharsets.UTF_8).length > limits.maxCodeBytes()) {
            throw ApiException.invalidField(data.codeField(), "must be at most " + limits.maxCodeBytes() + " bytes (UTF-8)");
        }
        if (data.code().indexOf('\0') >= 0) {
            throw ApiException.invalidField(data.codeField(), "must not contain NUL");
        }
        if (data.packages() != null && data.packages().length() > limits.maxPackagesLength()) {
            throw ApiException.invalidField(data.packagesField(), "must be at most " + limits.maxPackagesLength() + " characters");
        }
        JsonNode parameters = data.parameters();
        if (!isAbsent(parameters)) {
            if (!parameters.isObject() && !parameters.isArray()) {
                throw ApiException.invalidField(data.parametersField(), "must be a JSON object or array");
            }
            if (bytes(parameters) > limits.maxParametersBytes()) {
                throw ApiException.invalidField(data.parametersField(),
                        "must be at most " + limits.maxParametersBytes() + " bytes as JSON");
            }
        }
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static long bytes(JsonNode node) {
        try {
            return MEASURE.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            return Long.MAX_VALUE;
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("User-defined function " + id + " not found");
    }
}
