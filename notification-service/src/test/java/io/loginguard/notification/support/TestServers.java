package io.loginguard.notification.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.loginguard.testinfra.net.FreePorts;
import io.loginguard.testinfra.sms.SmsGatewaySimulator;
import java.io.IOException;

/**
 * One GreenMail (a real SMTP and IMAP server, any login reads that address's inbox) and one SMS gateway simulator
 * per test JVM, on free ports, stopped when the JVM ends. SMTP's port is fixed at start, so a test can stop the mail
 * server and start it again where the service expects it.
 */
public final class TestServers {
    private static GreenMail greenMail;
    private static SmsGatewaySimulator sms;
    private static int smtpPort;
    private static int imapPort;

    private TestServers() {
    }

    public static synchronized GreenMail greenMail() {
        if (greenMail == null) {
            smtpPort = freePort();
            imapPort = freePort();
            greenMail = newGreenMail();
            greenMail.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> greenMail.stop(), "greenmail-stop"));
        }
        return greenMail;
    }

    /** Stops the mail server (connections refused) until {@link #restartMail()}. */
    public static synchronized void stopMail() {
        greenMail().stop();
    }

    public static synchronized void restartMail() {
        greenMail = newGreenMail();
        greenMail.start();
    }

    public static int smtpPort() {
        greenMail();
        return smtpPort;
    }

    public static int imapPort() {
        greenMail();
        return imapPort;
    }

    public static synchronized SmsGatewaySimulator sms() {
        if (sms == null) {
            sms = SmsGatewaySimulator.start(0, "dev-sms-api-key");
            Runtime.getRuntime().addShutdownHook(new Thread(sms::close, "sms-simulator-stop"));
        }
        return sms;
    }

    private static GreenMail newGreenMail() {
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        return mail;
    }

    private static int freePort() {
        return FreePorts.next();
    }
}
