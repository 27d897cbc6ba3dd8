package io.loginguard.auth;

import io.loginguard.testinfra.quarkus.LoginguardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of auth-service runs against the real broker, a database and a Redis prefix of its own. */
@QuarkusTestResource(value = LoginguardTestResource.class, initArgs = {
        @ResourceArg(name = "postgres", value = "auth"),
        @ResourceArg(name = "redis", value = "auth")})
public final class AuthTestResources {
    private AuthTestResources() {
    }
}
