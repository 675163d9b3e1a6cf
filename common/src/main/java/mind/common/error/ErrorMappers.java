package mind.common.error;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import mind.common.params.InvalidParameterException;

/**
 * Maps every failure that reaches the REST layer to the one {@link ApiError} shape. Bodies never
 * carry stack traces, class names or SQL; unexpected failures get a correlation id that is logged
 * together with the exception.
 *
 * <p>Failures that are not bugs are recognised by what they are, wherever they sit in the cause
 * chain ({@link KnownFailures}): a lost optimistic-lock race is 409 (412 when the request carried
 * {@code If-Match}), a unique violation 409 naming the field, a lock or statement timeout and an
 * exhausted pool 503 with {@code Retry-After}. JSON problems are the client's (400) only while the
 * request is read: a type Jackson cannot handle ({@link InvalidDefinitionException}) and any failure
 * while the response is written are server bugs (500).
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** Request property set once the response is built, i.e. when only writing it is left. */
    static final String WRITING_RESPONSE = ErrorMappers.class.getName() + ".writing";

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder builder = json(e.status(), new ApiError(e.getMessage(), e.code(), e.details()));
        if (e.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return builder.build();
    }

    /**
     * Marks the request as answered: a JSON failure after this point happened while the response was
     * written (a bug on this side), not while the request was read.
     */
    @ServerResponseFilter
    public void markWriting(ContainerRequestContext request) {
        request.setProperty(WRITING_RESPONSE, Boolean.TRUE);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, ContainerRequestContext request) {
        if (writing(e, request)) {
            return unexpected(e);
        }
        return json(400, new ApiError(malformedMessage(e), "malformed_json", List.of())).build();
    }

    /**
     * Jackson's complaint about a body it cannot parse, without the body's own text: Jackson quotes an
     * unrecognized word whole ({@code Unrecognized token 'sk_live_...'}) and a number out of range, and
     * such a word is often a secret sent without quotes. The error must not echo it.
     */
    static String malformedMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        message = UNRECOGNIZED_TOKEN.matcher(message).replaceAll("Unrecognized token");
        message = NUMERIC_VALUE.matcher(message).replaceAll("Numeric value");
        return "Malformed JSON: " + message;
    }

    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile(
            "(?s)Unrecognized token '.*?'(?=: was expecting|$)");
    private static final Pattern NUMERIC_VALUE = Pattern.compile(
            "(?s)Numeric value \\(.*?\\)(?= out of range)");

    /**
     * The 400 a request body with this reading failure gets, as an exception: for one item of a bulk
     * request, which fails on its own (validation_failed naming the field; a failure of the item as a
     * whole, which a single request calls malformed_json, is named {@code body}).
     */
    public static ApiException itemFailure(JsonProcessingException e) {
        ErrorMappers mappers = ITEM_MAPPERS;
        Response answer = switch (e) {
            case InvalidFormatException format -> mappers.invalidFormat(format, null);
            case MismatchedInputException mismatch -> mappers.mismatchedInput(mismatch, null);
            case JsonMappingException mapping -> mappers.jsonMapping(mapping, null);
            case StreamConstraintsException limit -> mappers.streamConstraints(limit, null);
            default -> mappers.jsonProcessing(e, null);
        };
        ApiError error = (ApiError) answer.getEntity();
        if (error.details() == null || error.details().isEmpty()) {
            return ApiException.invalidField("body", error.error());
        }
        return new ApiException(400, ApiException.VALIDATION_FAILED, error.error(), error.details(), null);
    }

    private static final ErrorMappers ITEM_MAPPERS = new ErrorMappers();

    /**
     * The field a bean-validation violation of one bulk item names, as the single request's 400 would
     * ({@code tagIds[2]}, {@code dueBy}); {@code body} when the violation is of the item as a whole.
     */
    public static String itemField(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                String name = node.getName();
                if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                    field.append(field.isEmpty() ? "" : ".").append(name);
                }
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /**
     * A failed bulk item's answer: its ApiException, a known database failure (KnownFailures), or an
     * internal error, logged with the correlation id the answer quotes.
     */
    public static ApiException itemError(RuntimeException e) {
        if (e instanceof io.quarkus.narayana.jta.QuarkusTransactionException && e.getCause() instanceof RuntimeException cause) {
            return itemError(cause);
        }
        if (e instanceof ApiException api) {
            return api;
        }
        return KnownFailures.classify(e, false).orElseGet(() -> {
            String correlationId = UUID.randomUUID().toString();
            LOG.errorf(e, "Unexpected failure of a bulk item, correlationId=%s", correlationId);
            return new ApiException(500, "internal_error", "Internal error; quote correlation id " + correlationId);
        });
    }

    /** A type Jackson cannot (de)serialize is a bug in the service, whichever way the JSON goes. */
    @ServerExceptionMapper
    public Response invalidDefinition(InvalidDefinitionException e) {
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, ContainerRequestContext request) {
        if (writing(e, request)) {
            return unexpected(e);
        }
        return fieldError(e, describeExpected(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, ContainerRequestContext request) {
        if (writing(e, request)) {
            return unexpected(e);
        }
        if (e instanceof mind.common.json.ApiJson.TooManyItemsException) {
            return fieldError(e, e.getOriginalMessage());
        }
        if (e.getPath().isEmpty()) {
            return json(400, new ApiError("Request body must be a JSON value of the expected shape", "malformed_json", List.of()))
                    .build();
        }
        return fieldError(e, describeExpected(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, ContainerRequestContext request) {
        if (e instanceof InvalidDefinitionException || writing(e, request)) {
            return unexpected(e);
        }
        if (e.getCause() instanceof StreamConstraintsException limit) {
            // a limit of the parser reached inside a field (free-form JSON nested too deeply): say which
            return fieldError(e, limitMessage(limit).substring("Malformed JSON: ".length()));
        }
        return fieldError(e, "is not valid here");
    }

    /**
     * A body past one of the parser's limits (nesting depth, length of a number or a name): the limit
     * is named, without the parser's class names.
     */
    @ServerExceptionMapper
    public Response streamConstraints(StreamConstraintsException e, ContainerRequestContext request) {
        if (writing(e, request)) {
            return unexpected(e);
        }
        return json(400, new ApiError(limitMessage(e), "malformed_json", List.of())).build();
    }

    /** "Malformed JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)". */
    public static String limitMessage(StreamConstraintsException e) {
        return "Malformed JSON: " + e.getOriginalMessage().replaceAll(",? *from `[^`]*`", "");
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, ContainerRequestContext request) {
        if (writing(e, request)) {
            return unexpected(e);
        }
        return json(400, new ApiError(malformedMessage(e), "malformed_json", List.of())).build();
    }

    /**
     * Whether a JSON failure happened while the response was written: after the response was built,
     * or raised by a generator (only writing has one).
     */
    static boolean writing(JsonProcessingException e, ContainerRequestContext request) {
        return e.getProcessor() instanceof JsonGenerator
                || (request != null && Boolean.TRUE.equals(request.getProperty(WRITING_RESPONSE)));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> details = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String summary = details.stream().map(d -> d.field() + ": " + d.message()).collect(Collectors.joining("; "));
        return json(400, new ApiError("Invalid request: " + summary, ApiException.VALIDATION_FAILED, details)).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, new ApiError("This token lacks the permission for this operation", "forbidden", List.of())).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, new ApiError("No such resource", "not_found", List.of())).build();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return json(405, new ApiError("Method not allowed", "method_not_allowed", List.of()))
                .header(HttpHeaders.ALLOW, String.join(", ", e.getResponse().getAllowedMethods()))
                .build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return json(415, new ApiError("Send the body as application/json", "unsupported_media_type", List.of())).build();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return json(406, new ApiError("Responses are application/json", "not_acceptable", List.of())).build();
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return json(400, new ApiError(e.getMessage(), ApiException.VALIDATION_FAILED,
                List.of(new FieldError(e.parameter(), e.problem())))).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        // The JSON reader wraps some parse failures; answer them like the unwrapped ones.
        if (e.getCause() instanceof InvalidDefinitionException cause) {
            return invalidDefinition(cause);
        }
        if (e.getCause() instanceof InvalidFormatException cause) {
            return invalidFormat(cause, request);
        }
        if (e.getCause() instanceof MismatchedInputException cause) {
            return mismatchedInput(cause, request);
        }
        if (e.getCause() instanceof JsonMappingException cause && !(cause.getCause() instanceof JsonParseException)) {
            return jsonMapping(cause, request);
        }
        if (e.getCause() instanceof StreamConstraintsException cause) {
            return streamConstraints(cause, request);
        }
        if (e.getCause() instanceof JsonProcessingException cause) {
            return jsonProcessing(cause, request);
        }
        if (status >= 500) {
            return unexpected(e, request);
        }
        if (status == 413) {
            return json(413, BodyLimit.TOO_LARGE).build();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return json(status, new ApiError(known == null ? "Request failed" : known.getReasonPhrase(), "http_" + status,
                List.of())).build();
    }

    /**
     * The client closed the connection while its request was read or answered (a load tool
     * stopping, a phone system timing out). Nobody is left to read an answer; this is not a fault
     * of the service, so it is logged quietly instead of as an unexpected failure.
     */
    @ServerExceptionMapper
    public Response io(java.io.IOException e) {
        if (clientWentAway(e)) {
            LOG.debugf("Client closed the connection: %s", e.getMessage());
            return json(400, new ApiError("The connection was closed before the request was complete", "client_closed",
                    List.of())).build();
        }
        return unexpected(e);
    }

    private static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException
                    || t.getClass().getName().equals("io.vertx.core.http.HttpClosedException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Anything else: a known failure found in the cause chain (see {@link KnownFailures}) gets its
     * own answer; the rest is a bug, answered 500 with a correlation id that is also logged.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        boolean ifMatch = request != null && request.getHeaderString(HttpHeaders.IF_MATCH) != null;
        var known = KnownFailures.classify(e, ifMatch);
        if (known.isPresent()) {
            ApiException mapped = known.get();
            if (mapped.status() >= 500) {
                LOG.warnf("%s: %s", mapped.getMessage(), e);
            } else {
                LOG.debugf(e, "Answered %d %s", mapped.status(), mapped.code());
            }
            return api(mapped);
        }
        return unexpected(e);
    }

    /** The MDC key (and JSON log field) of the correlation id a 500 answer quotes. */
    public static final String CORRELATION_ID = "correlationId";

    /** A bug: 500 with a correlation id that is logged together with the failure. */
    public Response unexpected(Throwable e) {
        String correlationId = UUID.randomUUID().toString();
        // in the MDC too, so a JSON log line (kubernetes profile) carries it as its own field
        org.jboss.logging.MDC.put(CORRELATION_ID, correlationId);
        try {
            LOG.errorf(e, "Unexpected failure, correlationId=%s", correlationId);
        } finally {
            org.jboss.logging.MDC.remove(CORRELATION_ID);
        }
        return json(500, new ApiError(false, "Internal error; quote correlation id " + correlationId, "internal_error",
                List.of(), correlationId))
                .header("X-Correlation-Id", correlationId)
                .build();
    }

    static Response unauthenticated() {
        return json(401, new ApiError("Missing or invalid bearer token", "unauthorized", List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    static Response.ResponseBuilder json(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }

    private static Response fieldError(JsonMappingException e, String message) {
        String field = pathOf(e);
        return json(400, new ApiError(field + ": " + message, ApiException.VALIDATION_FAILED, List.of(new FieldError(field, message))))
                .build();
    }

    /** JSON path of the offending value, for example {@code transcript[0].speaker}. */
    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describeExpected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (type == java.time.Instant.class) {
            return "must be a time as 'YYYY-MM-DD HH:mm:ss', ISO-8601 or unix seconds";
        }
        return "has the wrong type";
    }

    /** The request field a violation is about: the path below the method parameter, or the parameter itself. */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // an element of a list: its index belongs to the node after the list
                if (node.getIndex() != null) {
                    path.append('[').append(node.getIndex()).append(']');
                }
                String name = node.getName();
                if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                    path.append(path.isEmpty() ? "" : ".").append(name);
                }
            }
        }
        if (!path.isEmpty()) {
            return path.toString();
        }
        return parameter == null ? "body" : parameter;
    }
}
