package mind.common.params;

import jakarta.ws.rs.BadRequestException;

/**
 * A query, header or form parameter that cannot be read as its declared type. It is a
 * WebApplicationException so that the REST layer passes it on as is instead of turning a
 * conversion failure into 404; {@link mind.common.error.ErrorMappers} answers 400 naming it.
 */
public class InvalidParameterException extends BadRequestException {

    private final String parameter;
    private final String problem;

    public InvalidParameterException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
        this.problem = problem;
    }

    public String parameter() {
        return parameter;
    }

    public String problem() {
        return problem;
    }
}
