package io.loginguard.testinfra.junit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** See {@link LoginguardInfra}. */
public final class LoginguardInfraExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LoginguardInfraExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Infra infra = new Infra();
        infra.kafka(); // start (or reuse) the broker before the class's first test
        context.getStore(NS).put(Infra.class, infra);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Infra infra = context.getStore(NS).remove(Infra.class, Infra.class);
        if (infra != null) {
            infra.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Infra.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext classContext = extensionContext;
        while (classContext.getStore(NS).get(Infra.class) == null && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NS).get(Infra.class, Infra.class);
    }
}
