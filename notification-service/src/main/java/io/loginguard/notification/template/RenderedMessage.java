package io.loginguard.notification.template;

/** A message ready to send: subject, plain text and HTML for email; {@code sms} for a text message. */
public record RenderedMessage(String subject, String text, String html, String sms) {

    @Override
    public String toString() {
        return "RenderedMessage[subject=" + subject + ", content withheld]"; // may hold a code
    }
}
