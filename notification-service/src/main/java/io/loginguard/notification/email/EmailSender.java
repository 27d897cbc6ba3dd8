package io.loginguard.notification.email;

import io.loginguard.notification.config.NotificationConfig;
import io.loginguard.notification.delivery.SendResult;
import io.loginguard.notification.template.RenderedMessage;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Email through quarkus-mailer to the configured SMTP server: from the do-not-reply sender, multipart HTML and
 * text, a Message-ID derived from the request id, marked auto-generated, and no List-Unsubscribe: a security
 * message must not be something a person can opt out of.
 */
@ApplicationScoped
public class EmailSender {
    private final ReactiveMailer mailer;
    private final String sender;
    private final Duration timeout;

    public EmailSender(ReactiveMailer mailer, NotificationConfig config) {
        this.mailer = mailer;
        this.sender = config.sender();
        this.timeout = config.dispatch().sendTimeout();
    }

    public String messageId(UUID requestId) {
        return MessageIds.of(requestId, sender);
    }

    public SendResult send(String to, RenderedMessage message, UUID requestId) {
        String messageId = messageId(requestId);
        Mail mail = Mail.withHtml(to, message.subject(), message.html())
                .setText(message.text())
                .setFrom(sender)
                .addHeader("Message-ID", messageId)
                .addHeader("Auto-Submitted", "auto-generated")
                .addHeader("X-Auto-Response-Suppress", "All");
        try {
            mailer.send(mail).await().atMost(timeout);
            return SendResult.sent(messageId);
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    static SendResult classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                String reply = smtp.getReplyCode() + " " + smtp.getReplyMessage();
                return smtp.isPermanent() ? SendResult.permanentFailure("SMTP " + reply) : SendResult.transientFailure("SMTP " + reply);
            }
        }
        // connection refused or reset, a timeout: the server is not there now
        return SendResult.transientFailure("SMTP unavailable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
