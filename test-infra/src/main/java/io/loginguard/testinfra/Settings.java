package io.loginguard.testinfra;

/** Where the shared servers are: a system property, else an environment variable, else the default. */
public final class Settings {
    private Settings() {
    }

    public static String get(String name, String fallback) {
        String sys = System.getProperty(name.toLowerCase().replace('_', '.'));
        if (sys != null && !sys.isBlank()) {
            return sys;
        }
        String env = System.getenv(name);
        return env == null || env.isBlank() ? fallback : env;
    }

    public static int getInt(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }
}
