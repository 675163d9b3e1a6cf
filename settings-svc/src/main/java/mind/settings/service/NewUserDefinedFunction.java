package mind.settings.service;

import com.fasterxml.jackson.databind.JsonNode;

import mind.settings.domain.UdfLanguage;
import mind.settings.domain.UdfType;

/**
 * What a create carries into the service, whichever body shape it came in. Each {@code *Field} is the
 * API field the value was read from, so that a bound it breaks is reported there.
 */
public record NewUserDefinedFunction(String name, UdfType type, UdfLanguage language, String code, String codeField,
        String packages, String packagesField, JsonNode parameters, String parametersField) {
}
