package io.loginguard.notification.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** The text/plain and text/html parts of a received message, however deeply they are nested. */
public record MailParts(String text, String html) {

    public static MailParts of(MimeMessage message) {
        try {
            String[] found = new String[2];
            collect(message, found);
            return new MailParts(found[0], found[1]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, String[] found) throws Exception {
        if (part.isMimeType("text/plain") && found[0] == null) {
            found[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && found[1] == null) {
            found[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                collect(p, found);
            }
        }
    }
}
