package io.loginguard.notification.delivery;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.notification.contact.Contact;
import io.loginguard.notification.template.MessageRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Resolves a message's recipient at send time: an explicit destination wins (a new number being verified), else the
 * contact projection's email or phone. The locale is the request's, else the contact's, else the default; the
 * anti-phishing code is always the contact's. Empty when the contact is not known (yet). The contact comes with the
 * claimed message ({@link Delivery#contact()}), read in the same statement that claimed it.
 */
@ApplicationScoped
public class Recipients {
    private final MessageRenderer renderer;

    public Recipients(MessageRenderer renderer) {
        this.renderer = renderer;
    }

    public Optional<Recipient> resolve(Delivery d) {
        Optional<Contact> contact = Optional.ofNullable(d.contact());
        String contactLocale = contact.map(Contact::locale).orElse(null);
        String locale = renderer.resolveLocale(d.template(), d.locale(), contactLocale);
        String phishing = contact.map(Contact::antiPhishingCode).orElse(null);
        if (d.destination() != null && !d.destination().isBlank()) {
            return Optional.of(new Recipient(d.channel(), d.destination(), locale, phishing));
        }
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        Contact c = contact.get();
        if (d.channel() == Channel.SMS) {
            return present(c.phone()) ? Optional.of(new Recipient(Channel.SMS, c.phone(), locale, phishing)) : Optional.empty();
        }
        if (present(c.email())) {
            return Optional.of(new Recipient(Channel.EMAIL, c.email(), locale, phishing));
        }
        // an alert to an account registered by phone only still reaches its owner
        return d.alert() && present(c.phone()) ? Optional.of(new Recipient(Channel.SMS, c.phone(), locale, phishing)) : Optional.empty();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
