package mind.common.params;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Typed query, header and form parameters ({@code Integer}, {@code Long}, {@code Boolean}, enums)
 * that a client gets wrong answer 400 naming the parameter; plain JAX-RS answers 404 for a query
 * parameter it cannot convert. Enum values are matched exactly as spelled on the wire.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, Integer::valueOf, "must be an integer");
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) converter(name, Long::valueOf, "must be an integer");
        }
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) converter(name, ParameterConverters::strictBoolean, "must be true or false");
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String choices = Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ", "[", "]"));
            return (ParamConverter<T>) converter(name, value -> Enum.valueOf(type, value), "must be one of " + choices);
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(String name, Function<String, V> parse, String problem) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                try {
                    return parse.apply(value.strip());
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException(name, problem);
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }

    /** true/false in any case, or 1/0 as PHP's http_build_query sends them; nothing else. */
    private static Boolean strictBoolean(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static String parameterName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
            if (annotation instanceof FormParam form) {
                return form.value();
            }
        }
        return null;
    }
}
