package io.loginguard.notification.support;

import io.loginguard.testinfra.quarkus.LoginguardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every @QuarkusTest of notification-service runs against the real broker, a database and a Redis prefix of its
 * own, a real SMTP server (GreenMail) and the SMS gateway simulator.
 */
@QuarkusTestResource(value = LoginguardTestResource.class, initArgs = {
        @ResourceArg(name = "postgres", value = "notification"),
        @ResourceArg(name = "redis", value = "notification")})
@QuarkusTestResource(MailAndSmsResource.class)
public final class NotificationTestResources {
    private NotificationTestResources() {
    }
}
