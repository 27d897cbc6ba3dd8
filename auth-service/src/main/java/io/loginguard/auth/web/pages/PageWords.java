package io.loginguard.auth.web.pages;

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

    default LoginMessages login() {
        return words(LoginMessages.class);
    }

    default ErrorMessages err() {
        return words(ErrorMessages.class);
    }

    default SecurityMessages sec() {
        return words(SecurityMessages.class);
    }

    default AccountMessages acct() {
        return words(AccountMessages.class);
    }

    default FactorMessages factor() {
        return words(FactorMessages.class);
    }

    default SubAccountMessages sub() {
        return words(SubAccountMessages.class);
    }
}
