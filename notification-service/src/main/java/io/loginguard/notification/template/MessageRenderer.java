package io.loginguard.notification.template;

import io.loginguard.notification.config.NotificationConfig;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a message from its Qute template, {@code templates/notifications/<locale>/<kind>.txt}, whose fragments
 * are {@code subject}, {@code body} (paragraphs split by blank lines) and {@code sms}. Every email is laid out by
 * {@code layout.html} and {@code layout.txt}, which put the anti-phishing code (or how to set one) at the top, so no
 * kind can forget it. Sealed values (a code, a link) come in {@code secret}, opened by the caller just before.
 */
@ApplicationScoped
public class MessageRenderer {
    private static final String ROOT = "notifications/";

    private final Engine engine;
    private final String defaultLocale;

    public MessageRenderer(Engine engine, NotificationConfig config) {
        this.engine = engine;
        this.defaultLocale = config.defaultLocale();
    }

    public boolean exists(String kind) {
        return isKindName(kind) && engine.getTemplate(ROOT + defaultLocale + "/" + kind) != null;
    }

    /** The locale we have templates for that is nearest the wanted one ({@code zh-CN} → {@code zh}), else the default. */
    public String resolveLocale(String kind, String... wanted) {
        for (String w : wanted) {
            if (w == null || w.isBlank()) {
                continue;
            }
            String language = w.trim().toLowerCase(Locale.ROOT).split("[-_]")[0];
            if (language.matches("[a-z]{2,3}") && engine.getTemplate(ROOT + language + "/" + kind) != null) {
                return language;
            }
        }
        return defaultLocale;
    }

    public RenderedMessage render(String kind, String locale, Map<String, String> params, Map<String, String> secret,
                                  String antiPhishingCode) {
        Template template = engine.getTemplate(ROOT + locale + "/" + kind);
        if (!isKindName(kind) || template == null) {
            throw new TemplateNotFoundException(kind + " (" + locale + ")");
        }
        Map<String, Object> data = Map.of("params", params, "secret", secret);
        String subject = fragment(template, "subject", data).replaceAll("\\s+", " ");
        String body = fragment(template, "body", data);
        String sms = template.getFragment("sms") == null ? subject : fragment(template, "sms", data);

        Template common = engine.getTemplate(ROOT + locale + "/common");
        String phishing = antiPhishingCode == null || antiPhishingCode.isBlank()
                ? fragment(common, "antiPhishingMissing", Map.of())
                : fragment(common, "antiPhishing", Map.of("code", antiPhishingCode));
        Map<String, Object> layout = Map.of(
                "subject", subject,
                "antiPhishing", phishing,
                "paragraphs", paragraphs(body),
                "code", secret.getOrDefault("code", ""),
                "link", secret.getOrDefault("link", ""),
                "linkLabel", fragment(common, "linkLabel", Map.of()),
                "footer", fragment(common, "footer", Map.of()),
                "lang", locale);
        String html = engine.getTemplate(ROOT + "layout.html").data(layout).render();
        String text = engine.getTemplate(ROOT + "layout.txt").data(layout).render();
        return new RenderedMessage(subject, text, html, sms.replaceAll("\\s+", " ").trim());
    }

    /** Just the subject line of a message (the digest lists the alerts it folds by their subjects). */
    public String subject(String kind, String locale, Map<String, String> params) {
        Template template = engine.getTemplate(ROOT + locale + "/" + kind);
        if (!isKindName(kind) || template == null) {
            throw new TemplateNotFoundException(kind + " (" + locale + ")");
        }
        return fragment(template, "subject", Map.of("params", params, "secret", Map.of())).replaceAll("\\s+", " ");
    }

    private static String fragment(Template template, String id, Map<String, Object> data) {
        Template.Fragment fragment = template.getFragment(id);
        if (fragment == null) {
            throw new IllegalStateException("template " + template.getId() + " has no fragment '" + id + "'");
        }
        var instance = fragment.instance();
        data.forEach(instance::data);
        return instance.render().trim();
    }

    private static List<String> paragraphs(String body) {
        List<String> out = new ArrayList<>();
        for (String p : body.split("\\n\\s*\\n")) {
            String joined = p.trim().replaceAll("\\s*\\n\\s*", " ");
            if (!joined.isEmpty()) {
                out.add(joined);
            }
        }
        return out;
    }

    private static boolean isKindName(String kind) {
        return kind != null && kind.matches("[a-z][a-z0-9-]{0,63}") && !kind.equals("common");
    }
}
