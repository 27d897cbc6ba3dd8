package io.loginguard.notification.template;

/** A request names a message kind notification has no template for: the record is dead-lettered. */
public class TemplateNotFoundException extends RuntimeException {
    public TemplateNotFoundException(String template) {
        super("no template '" + template + "'");
    }
}
