package io.loginguard.auth.config;

import io.smallrye.config.WithDefault;

/** {@code loginguard.auth.pages.*}: the server-rendered pages (io.loginguard.auth.web.pages). */
public interface PagesConfig {
    /** Whether the pages' cookies carry Secure: true (behind https, as deployed); local http sets false. */
    @WithDefault("true")
    boolean secureCookies();

    /** Where ticket-service's pages are, as a browser reaches them (no trailing slash). */
    @WithDefault("http://localhost:8084")
    String ticketBaseUrl();

    /** Ticket-service's page that opens a case to reset the second factor ("Security verification unavailable"). */
    @WithDefault("/cases/new?type=TWO_FACTOR_RESET")
    String twoFactorResetPath();

    /** Ticket-service's page that opens an identity verification case (the step-up after an unusual login). */
    @WithDefault("/cases/new?type=IDENTITY_REVERIFICATION")
    String identityPath();

    /** Ticket-service's page that opens a reactivation case (a frozen account). */
    @WithDefault("/cases/new?type=REACTIVATION")
    String reactivationPath();

    /** Ticket-service's page that opens a phone change case (the current number is lost). */
    @WithDefault("/cases/new?type=PHONE_CHANGE")
    String phoneChangePath();
}
