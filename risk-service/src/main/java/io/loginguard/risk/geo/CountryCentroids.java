package io.loginguard.risk.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a country is, for attempts that carry a country but no coordinates: the table shipped as
 * {@code geo/country-centroids.csv}. Immutable once loaded.
 */
public final class CountryCentroids {
    public static final String RESOURCE = "/geo/country-centroids.csv";

    private final Map<String, Place> centroids;

    CountryCentroids(Map<String, Place> centroids) {
        this.centroids = Map.copyOf(centroids);
    }

    /** The table shipped with the service. */
    public static CountryCentroids shipped() {
        try (InputStream in = CountryCentroids.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CountryCentroids parse(BufferedReader reader) throws IOException {
        Map<String, Place> table = new TreeMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("country,")) {
                continue;
            }
            String[] cells = line.split(",", 4);
            table.put(cells[0].trim().toUpperCase(Locale.ROOT),
                    new Place(Double.parseDouble(cells[1]), Double.parseDouble(cells[2])));
        }
        return new CountryCentroids(table);
    }

    public Optional<Place> of(String country) {
        return country == null ? Optional.empty() : Optional.ofNullable(centroids.get(country.toUpperCase(Locale.ROOT)));
    }

    /** The attempt's own coordinates if it has usable ones, else its country's centroid, else nothing. */
    public Optional<Place> locate(String country, Double latitude, Double longitude) {
        Place exact = Place.of(latitude, longitude);
        return exact != null ? Optional.of(exact) : of(country);
    }

    public int size() {
        return centroids.size();
    }
}
