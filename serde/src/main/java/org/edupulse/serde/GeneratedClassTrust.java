package org.edupulse.serde;

import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load classes named by a schema unless they are trusted. The serde trusts
 * exactly the classes that Avro's own code generator wrote (annotated {@link AvroGenerated}), on
 * top of whatever the application already trusts, so reading into generated records works without
 * system properties and nothing else is let in.
 */
final class GeneratedClassTrust {

    private static volatile boolean installed;

    private GeneratedClassTrust() {
    }

    static void install() {
        if (installed) {
            return;
        }
        synchronized (GeneratedClassTrust.class) {
            if (!installed) {
                final ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                        type -> type.isAnnotationPresent(AvroGenerated.class)));
                installed = true;
            }
        }
    }
}
