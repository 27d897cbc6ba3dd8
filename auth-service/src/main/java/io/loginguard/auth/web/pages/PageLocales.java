package io.loginguard.auth.web.pages;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;

/** The pages' two languages, and which one a request gets: the switch's cookie, else {@code Accept-Language}. */
final class PageLocales {
    static final Locale ZH = Locale.forLanguageTag("zh");

    private PageLocales() {
    }

    static Locale of(HttpHeaders headers) {
        Cookie chosen = headers.getCookies().get(PageSupport.LANG);
        if (chosen != null && ("zh".equals(chosen.getValue()) || "en".equals(chosen.getValue()))) {
            return "zh".equals(chosen.getValue()) ? ZH : Locale.ENGLISH;
        }
        for (Locale l : headers.getAcceptableLanguages()) {
            if ("zh".equals(l.getLanguage())) {
                return ZH;
            }
            if ("en".equals(l.getLanguage())) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }
}
