package io.loginguard.testinfra.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a plain JUnit 5 test class the real servers: inject {@link Infra} as a parameter of a test or
 * lifecycle method. Kafka is shared by the JVM; each class gets its own databases and Redis prefix.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LoginguardInfraExtension.class)
public @interface LoginguardInfra {
}
