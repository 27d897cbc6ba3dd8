package io.loginguard.notification.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the mailer at the JVM's GreenMail and the SMS client at its simulator (see {@link TestServers}). */
public class MailAndSmsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(TestServers.smtpPort()),
                "quarkus.rest-client.sms-gateway.url", TestServers.sms().baseUrl());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped when it ends
    }
}
