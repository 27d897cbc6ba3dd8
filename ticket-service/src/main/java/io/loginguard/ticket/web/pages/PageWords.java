package io.loginguard.ticket.web.pages;

/**
 * The pages' words in one request's locale, one accessor per message bundle (each bundle's namespace in the
 * templates is the accessor's name).
 */
interface PageWords {
    /** The words of this page's locale from one message bundle. */
    <T> T words(Class<T> bundle);

    default PageMessages msg() {
        return words(PageMessages.class);
    }

    default CaseMessages cases() {
        return words(CaseMessages.class);
    }

    default ErrorMessages err() {
        return words(ErrorMessages.class);
    }

    default ReviewMessages rev() {
        return words(ReviewMessages.class);
    }
}
