package mind.common.patch;

import java.io.IOException;
import java.lang.reflect.Type;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.ReferenceTypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.databind.type.TypeBindings;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.type.TypeModifier;
import com.fasterxml.jackson.databind.util.AccessPattern;

/**
 * Jackson support for {@link Patch}: a reference type like {@code Optional}, so that the contained
 * type is read with its own deserializer (and its errors name the field), plus the three states:
 * a missing property is absent, {@code null} is clear, anything else is set. Written back, an absent
 * field is left out and a cleared one is {@code null}.
 */
public class PatchModule extends SimpleModule {

    public PatchModule() {
        super("mind-patch");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addTypeModifier(new PatchTypeModifier());
        context.addDeserializers(new PatchDeserializers());
        context.addSerializers(new PatchSerializers());
        // absent fields are left out when a Patch is written (for logs, fingerprints, tests)
        context.configOverride(Patch.class).setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null));
    }

    static final class PatchTypeModifier extends TypeModifier {
        @Override
        public JavaType modifyType(JavaType type, Type jdkType, TypeBindings bindings, TypeFactory typeFactory) {
            if (type.isReferenceType() || type.isContainerType() || type.getRawClass() != Patch.class) {
                return type;
            }
            return ReferenceType.upgradeFrom(type, type.containedTypeOrUnknown(0));
        }
    }

    static final class PatchDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findReferenceDeserializer(ReferenceType refType, DeserializationConfig config,
                BeanDescription beanDesc, TypeDeserializer contentTypeDeserializer, JsonDeserializer<?> contentDeserializer) {
            return refType.hasRawClass(Patch.class)
                    ? new PatchDeserializer(refType, null, contentTypeDeserializer, contentDeserializer)
                    : null;
        }
    }

    static final class PatchDeserializer extends ReferenceTypeDeserializer<Patch<?>> {

        PatchDeserializer(JavaType fullType, ValueInstantiator instantiator, TypeDeserializer typeDeserializer,
                JsonDeserializer<?> deserializer) {
            super(fullType, instantiator, typeDeserializer, deserializer);
        }

        @Override
        protected PatchDeserializer withResolved(TypeDeserializer typeDeserializer, JsonDeserializer<?> valueDeserializer) {
            return new PatchDeserializer(_fullType, _valueInstantiator, typeDeserializer, valueDeserializer);
        }

        /** JSON {@code null}: clear the field. */
        @Override
        public Patch<?> getNullValue(DeserializationContext ctxt) {
            return Patch.clear();
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return AccessPattern.CONSTANT;
        }

        /** The property is missing from the body: leave the field alone. */
        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Patch.absent();
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return Patch.absent();
        }

        @Override
        public Patch<?> referenceValue(Object contents) {
            return Patch.of(contents);
        }

        @Override
        public Patch<?> updateReference(Patch<?> reference, Object contents) {
            return Patch.of(contents);
        }

        @Override
        public Object getReferenced(Patch<?> reference) {
            return reference.orElse(null);
        }
    }

    static final class PatchSerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
                BeanDescription beanDesc, TypeSerializer contentTypeSerializer, JsonSerializer<Object> contentValueSerializer) {
            return type.hasRawClass(Patch.class) ? new PatchSerializer() : null;
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    static final class PatchSerializer extends StdSerializer<Patch> {

        PatchSerializer() {
            super(Patch.class);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Patch value) {
            return value == null || value.isAbsent();
        }

        @Override
        public void serialize(Patch value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isSet()) {
                provider.defaultSerializeValue(value.value(), gen);
            } else {
                gen.writeNull();
            }
        }
    }
}
