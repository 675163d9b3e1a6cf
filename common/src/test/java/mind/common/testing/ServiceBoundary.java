package mind.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Entity;

/**
 * Checks the rule that entities never leave a service: views are built while the entity is still
 * managed, so no public service method returns an {@link Entity}, on its own or inside a generic
 * type ({@code List<Ticket>}, {@code Optional<Ticket>}, {@code Versioned<Ticket>}).
 */
public final class ServiceBoundary {

    private ServiceBoundary() {
    }

    public static void assertNoEntityLeaves(Class<?>... services) {
        assertNoEntityLeaves(services, null);
    }

    /** The same check, limited to the public methods of one service with the given name. */
    public static void assertNoEntityLeaves(Class<?> service, String methodName) {
        assertTrue(java.util.Arrays.stream(service.getMethods()).anyMatch(m -> m.getName().equals(methodName)),
                service.getSimpleName() + " has no method " + methodName);
        assertNoEntityLeaves(new Class<?>[] { service }, methodName);
    }

    private static void assertNoEntityLeaves(Class<?>[] services, String methodName) {
        List<String> leaks = new ArrayList<>();
        for (Class<?> service : services) {
            for (Method method : service.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()
                        && (methodName == null || methodName.equals(method.getName()))
                        && mentionsEntity(method.getGenericReturnType())) {
                    leaks.add(service.getSimpleName() + "." + method.getName() + " returns " + method.getGenericReturnType());
                }
            }
        }
        assertTrue(leaks.isEmpty(), "entities leave the service: " + leaks);
    }

    static boolean mentionsEntity(Type type) {
        if (type instanceof Class<?> c) {
            return c.isAnnotationPresent(Entity.class) || (c.isArray() && mentionsEntity(c.getComponentType()));
        }
        if (type instanceof ParameterizedType p) {
            if (mentionsEntity(p.getRawType())) {
                return true;
            }
            for (Type argument : p.getActualTypeArguments()) {
                if (mentionsEntity(argument)) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof GenericArrayType a) {
            return mentionsEntity(a.getGenericComponentType());
        }
        if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                if (mentionsEntity(bound)) {
                    return true;
                }
            }
        }
        return false;
    }
}
